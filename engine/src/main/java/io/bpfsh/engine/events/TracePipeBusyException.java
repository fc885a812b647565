package io.bpfsh.engine.events;

import io.bpfsh.engine.EngineException;

/** The kernel refused to open trace_pipe (EBUSY) while another process used the tracing buffer. */
public final class TracePipeBusyException extends EngineException {
    TracePipeBusyException(String message) {
        super(message);
    }
}
