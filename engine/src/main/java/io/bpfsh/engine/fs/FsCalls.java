package io.bpfsh.engine.fs;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import io.bpfsh.engine.sys.SyscallEvent;
import io.bpfsh.engine.sys.SyscallTrace;
import java.util.List;

/**
 * The file system calls the JDK does not offer: statfs(2), mount(2), and the *at() family that
 * {@link BpffsDirectory} works with, so that every path operation below the bpffs root is relative to a
 * directory FD and never follows a symlink or crosses a mount. Paths go as NUL-terminated UTF-8 bytes
 * (JNA's String conversion follows the platform charset, which may not be UTF-8).
 */
final class FsCalls {
    static {
        Native.register(NativeLibrary.getInstance("c"));
    }

    /** BPF_FS_MAGIC from include/uapi/linux/magic.h. */
    static final long BPF_FS_MAGIC = 0xcafe4a11L;

    static final int AT_FDCWD = -100;
    static final int AT_SYMLINK_NOFOLLOW = 0x100;
    static final int AT_REMOVEDIR = 0x200;
    static final int O_PATH = 010000000;
    static final int O_CLOEXEC = 02000000;
    private static final boolean ARM64 = "aarch64".equals(System.getProperty("os.arch"));
    /** O_DIRECTORY and O_NOFOLLOW differ between x86_64 and aarch64 (asm-generic/fcntl.h vs arm64's). */
    static final int O_DIRECTORY = ARM64 ? 040000 : 0200000;
    static final int O_NOFOLLOW = ARM64 ? 0100000 : 0400000;
    /** openat2(2) since 5.6; the same number on every architecture. */
    private static final long NR_OPENAT2 = 437;
    static final long RESOLVE_NO_XDEV = 0x01;
    static final long RESOLVE_NO_MAGICLINKS = 0x02;
    static final long RESOLVE_NO_SYMLINKS = 0x04;
    static final long RESOLVE_BENEATH = 0x08;
    /** statx(2) masks and fields (struct statx is the same on every architecture). */
    private static final int STATX_TYPE = 0x1;
    private static final int STATX_MODE = 0x2;
    private static final int STATX_INO = 0x100;
    private static final int STATX_SIZE = 0x200;
    static final long STATX_ATTR_MOUNT_ROOT = 0x2000;
    static final int S_IFMT = 0170000;
    static final int S_IFDIR = 0040000;
    static final int S_IFREG = 0100000;
    static final int S_IFLNK = 0120000;

    private FsCalls() {
    }

    private static native long syscall(long number, int dirfd, byte[] path, Pointer how, long size);

    private static native int openat(int dirfd, byte[] path, int flags, int mode);

    private static native int mkdirat(int dirfd, byte[] path, int mode);

    private static native int unlinkat(int dirfd, byte[] path, int flags);

    private static native int statx(int dirfd, byte[] path, int flags, int mask, Pointer buf);

    private static native long readlinkat(int dirfd, byte[] path, Pointer buf, long size);

    private static native int renameat(int olddirfd, byte[] oldpath, int newdirfd, byte[] newpath);

    static native int close(int fd);

    static byte[] bytes(String path) {
        byte[] b = path.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return java.util.Arrays.copyOf(b, b.length + 1);
    }

    /** openat2(dirfd, name, {flags, 0, resolve}); an FD or -errno. */
    static int openat2(int dirfd, String name, int flags, long resolve) {
        try (Memory how = new Memory(24)) {
            how.setLong(0, flags);
            how.setLong(8, 0);
            how.setLong(16, resolve);
            long r = syscall(NR_OPENAT2, dirfd, bytes(name), how, 24);
            return r >= 0 ? (int) r : -Native.getLastError();
        }
    }

    /** openat(2); an FD or -errno. */
    static int openAt(int dirfd, String name, int flags) {
        int r = openat(dirfd, bytes(name), flags, 0);
        return r >= 0 ? r : -Native.getLastError();
    }

    /** 0 or -errno. */
    static int mkdirAt(int dirfd, String name, int mode) {
        return mkdirat(dirfd, bytes(name), mode) == 0 ? 0 : -Native.getLastError();
    }

    /** 0 or -errno. */
    static int unlinkAt(int dirfd, String name, int flags) {
        return unlinkat(dirfd, bytes(name), flags) == 0 ? 0 : -Native.getLastError();
    }

    /**
     * Renames a name of the directory over another of it in one step: whoever opens the new name sees
     * the old object or the new one, never none. 0 or -errno.
     */
    static int renameAt(int dirfd, String from, String to) {
        return renameat(dirfd, bytes(from), dirfd, bytes(to)) == 0 ? 0 : -Native.getLastError();
    }

    /** What statx says of a name, not following a symlink there. */
    record Stat(int errno, int mode, long attributes, long inode, int devMajor, int devMinor) {
        int type() {
            return mode & S_IFMT;
        }

        boolean mountRoot() {
            return (attributes & STATX_ATTR_MOUNT_ROOT) != 0;
        }
    }

    static Stat statAt(int dirfd, String name, int flags) {
        try (Memory buf = new Memory(256)) {
            buf.clear();
            if (statx(dirfd, bytes(name), flags | AT_SYMLINK_NOFOLLOW, STATX_TYPE | STATX_MODE | STATX_INO | STATX_SIZE,
                    buf) != 0) {
                return new Stat(Native.getLastError(), 0, 0, 0, 0, 0);
            }
            // stx_attributes @8, stx_mode @28 (u16), stx_ino @32, stx_dev_major @136, stx_dev_minor @140
            return new Stat(0, buf.getShort(28) & 0xffff, buf.getLong(8), buf.getLong(32), buf.getInt(136),
                    buf.getInt(140));
        }
    }

    /** The target of a symlink, or null. */
    static String readLinkAt(int dirfd, String name) {
        try (Memory buf = new Memory(4096)) {
            long n = readlinkat(dirfd, bytes(name), buf, 4096);
            return n < 0 ? null : new String(buf.getByteArray(0, (int) n), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static native int statfs(String path, Pointer buf);

    private static native int mount(String source, String target, String fstype, long flags, Pointer data);

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
        return (int) SyscallTrace.traced("mount", List.of(new SyscallEvent.Field("source", "bpf"),
                new SyscallEvent.Field("target", target), new SyscallEvent.Field("filesystemtype", "bpf")),
                () -> mount("bpf", target, "bpf", 0, null) == 0 ? 0 : -Native.getLastError());
    }
}
