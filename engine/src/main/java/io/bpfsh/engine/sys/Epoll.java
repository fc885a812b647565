package io.bpfsh.engine.sys;

import com.sun.jna.Memory;
import io.bpfsh.engine.EngineException;

/**
 * An epoll instance (owns its FD) that waits for ring buffers, perf rings and trace_pipe to become
 * readable. Each registered FD carries a caller-chosen number that {@link #await} reports back.
 */
public final class Epoll implements AutoCloseable {
    public static final int EPOLLIN = 0x001;
    public static final int EPOLLOUT = 0x004;

    private static final int EPOLL_CLOEXEC = 0x80000;
    private static final int EPOLL_CTL_ADD = 1;
    /** struct epoll_event is packed on x86-64 (u32 events, u64 data: 12 bytes), natural elsewhere (16). */
    private static final boolean PACKED = "amd64".equals(System.getProperty("os.arch"))
            || "x86_64".equals(System.getProperty("os.arch"));
    private static final int EVENT_SIZE = PACKED ? 12 : 16;
    private static final int DATA_OFFSET = PACKED ? 4 : 8;

    private final Fd fd;

    private Epoll(Fd fd) {
        this.fd = fd;
    }

    public static Epoll create() throws EngineException {
        int r = LibC.epoll_create1(EPOLL_CLOEXEC);
        if (r < 0) {
            throw new EngineException("epoll_create1: " + Errno.describe(LibC.errno()));
        }
        return new Epoll(new Fd(r));
    }

    /** Watches {@code target} for the event bits; {@code tag} is what {@link #await} returns for it. */
    public void add(Fd target, int events, int tag, String what) throws EngineException {
        try (Memory ev = new Memory(EVENT_SIZE)) {
            ev.clear();
            ev.setInt(0, events);               // events
            ev.setLong(DATA_OFFSET, tag);       // data.u64
            if (LibC.epoll_ctl(fd.get(), EPOLL_CTL_ADD, target.get(), ev) != 0) {
                throw new EngineException(what + ": epoll_ctl: " + Errno.describe(LibC.errno()));
            }
        }
    }

    /**
     * Waits up to {@code timeoutMillis} (0: do not wait) and writes the tags of ready FDs into
     * {@code ready}; returns how many, 0 on timeout or when a signal interrupted the wait.
     */
    public int await(int timeoutMillis, int[] ready) throws EngineException {
        int max = Math.max(1, ready.length);
        try (Memory events = new Memory((long) EVENT_SIZE * max)) {
            int n = LibC.epoll_wait(fd.get(), events, max, timeoutMillis);
            if (n < 0) {
                int errno = LibC.errno();
                if (errno == Errno.EINTR.number()) {
                    return 0;
                }
                throw new EngineException("epoll_wait: " + Errno.describe(errno));
            }
            for (int i = 0; i < n && i < ready.length; i++) {
                ready[i] = (int) events.getLong((long) i * EVENT_SIZE + DATA_OFFSET);
            }
            return n;
        }
    }

    @Override
    public void close() {
        fd.close();
    }
}
