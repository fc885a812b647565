package io.bpfsh.engine.sys;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A file descriptor that one Java object owns. Closing it twice is harmless; using it after close
 * is a bug in the caller and fails loudly instead of touching a number the process may have reused.
 */
public final class Fd implements AutoCloseable {
    private final AtomicInteger fd;

    /** Takes ownership of an FD a system call just returned (io.bpfsh.engine.fs's directory FDs). */
    public static Fd adopt(int fd) {
        return new Fd(fd);
    }

    Fd(int fd) {
        if (fd < 0) {
            throw new IllegalArgumentException("invalid fd " + fd);
        }
        this.fd = new AtomicInteger(fd);
    }

    /** The number, for syscalls. */
    public int get() {
        int v = fd.get();
        if (v < 0) {
            throw new IllegalStateException("file descriptor already closed");
        }
        return v;
    }

    public boolean isOpen() {
        return fd.get() >= 0;
    }

    @Override
    public void close() {
        int v = fd.getAndSet(-1);
        if (v >= 0) {
            LibC.close(v);
        }
    }

    @Override
    public String toString() {
        int v = fd.get();
        return v >= 0 ? "fd " + v : "fd (closed)";
    }
}
