package io.bpfsh.engine.sys;

import io.bpfsh.engine.EngineException;

/** A libc call other than bpf(2) (open, mmap, epoll, perf_event_open) that failed, with its errno. */
public final class NativeCallException extends EngineException {
    private final int errno;

    NativeCallException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }

    public boolean is(Errno e) {
        return errno == e.number();
    }
}
