package io.bpfsh.engine.btf;

import io.bpfsh.engine.EngineException;

/**
 * A value does not match its BTF type: a literal names a missing field or does not fit, or raw bytes have the wrong
 * size. The BTF itself is fine; problems with it are {@link BtfFormatException}s.
 */
public class BtfValueException extends EngineException {
    public BtfValueException(String message) {
        super(message); // escaped to one line by EngineException
    }
}
