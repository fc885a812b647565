package io.bpfsh.engine.fs;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/** statfs(2) and mount(2), which the JDK does not offer. */
final class FsCalls {
    static {
        Native.register(NativeLibrary.getInstance("c"));
    }

    /** BPF_FS_MAGIC from include/uapi/linux/magic.h. */
    static final long BPF_FS_MAGIC = 0xcafe4a11L;

    private FsCalls() {
    }

    private static native int statfs(String path, Pointer buf);

    private static native int mount(String source, String target, String fstype, long flags, Pointer data);

    private static native int open(String path, int flags);

    private static native int renameat(int olddirfd, String oldpath, int newdirfd, String newpath);

    private static native int close(int fd);

    /** O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC (x86_64 and arm64 values differ for the middle two). */
    private static final boolean ARM64 = "aarch64".equals(System.getProperty("os.arch"));
    private static final int DIRECTORY_PATH_FLAGS = 010000000 | (ARM64 ? 040000 | 0100000 : 0200000 | 0400000)
            | 02000000;

    /**
     * Renames a name of a directory over another name of it in one step (renameat(2) relative to the
     * directory's own FD, opened without following a symlink in its last name): whoever opens the new
     * name sees the old object or the new one, never none. 0 or -errno.
     */
    static int renameInDirectory(String directory, String from, String to) {
        int dir = open(directory, DIRECTORY_PATH_FLAGS);
        if (dir < 0) {
            return -Native.getLastError();
        }
        try {
            return renameat(dir, from, dir, to) == 0 ? 0 : -Native.getLastError();
        } finally {
            close(dir);
        }
    }

    /** The filesystem magic of a path (struct statfs begins with a long f_type on 64-bit Linux), or -errno. */
    static long fsType(String path) {
        try (Memory buf = new Memory(128)) {
            buf.clear();
            if (statfs(path, buf) != 0) {
                return -Native.getLastError();
            }
            return buf.getLong(0) & 0xffffffffL;
        }
    }

    /** TRACEFS_MAGIC from include/uapi/linux/magic.h. */
    static final long TRACEFS_MAGIC = 0x74726163L;

    /** Mounts tracefs; 0 or -errno. */
    static int mountTracefs(String target) {
        return mount("tracefs", target, "tracefs", 0, null) == 0 ? 0 : -Native.getLastError();
    }

    /** Mounts a new bpffs instance; 0 or -errno. */
    static int mountBpffs(String target) {
        return mount("bpf", target, "bpf", 0, null) == 0 ? 0 : -Native.getLastError();
    }
}
