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
