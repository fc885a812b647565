package io.bpfsh.engine.btf;

import io.bpfsh.engine.EngineException;

/** The BTF bytes are malformed, or describe something this reader refuses (a reference loop, a size overflow). */
public class BtfFormatException extends EngineException {
    /** @param origin where the bytes came from, e.g. {@code "x.o: .BTF"}; @param detail what is wrong and why */
    public BtfFormatException(String origin, String detail) {
        super(origin + ": " + detail); // escaped to one line by EngineException
    }

}
