package io.bpfsh.engine.sys;

import com.sun.jna.Memory;
import io.bpfsh.engine.EngineException;

/**
 * A file opened read-only with O_NONBLOCK (and O_NOFOLLOW: a symlink planted at the path is refused,
 * not followed), for kernel pipes such as tracefs' trace_pipe whose read would otherwise block
 * forever: the caller waits with {@link Epoll} and reads what is there.
 */
public final class NonBlockingFile implements AutoCloseable {
    private static final boolean ARM64 = "aarch64".equals(System.getProperty("os.arch"))
            || "arm64".equals(System.getProperty("os.arch"));
    private static final int O_NONBLOCK = 04000;
    private static final int O_CLOEXEC = 02000000;
    private static final int O_NOFOLLOW = ARM64 ? 0100000 : 0400000;

    private final Fd fd;
    private final String path;

    private NonBlockingFile(Fd fd, String path) {
        this.fd = fd;
        this.path = path;
    }

    public static NonBlockingFile open(String path) throws EngineException {
        int r = LibC.open(path, O_NONBLOCK | O_CLOEXEC | O_NOFOLLOW);
        if (r < 0) {
            int errno = LibC.errno();
            throw new NativeCallException("open " + path + ": " + Errno.describe(errno), errno);
        }
        return new NonBlockingFile(new Fd(r), path);
    }

    public Fd fd() {
        return fd;
    }

    /** Reads into {@code buf}: the byte count, 0 when nothing is ready now, -1 at end of file. */
    public int read(byte[] buf) throws EngineException {
        try (Memory m = new Memory(Math.max(1, buf.length))) {
            long n = LibC.read(fd.get(), m, buf.length);
            if (n < 0) {
                int errno = LibC.errno();
                if (errno == Errno.EAGAIN.number() || errno == Errno.EINTR.number()) {
                    return 0;
                }
                throw new EngineException("read " + path + ": " + Errno.describe(errno));
            }
            if (n == 0) {
                return -1;
            }
            m.read(0, buf, 0, (int) n);
            return (int) n;
        }
    }

    @Override
    public void close() {
        fd.close();
    }
}
