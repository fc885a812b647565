package io.bpfsh.engine.sys;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The few libc entry points bpfsh needs, direct-mapped (no reflection per call, which matters when a
 * dump makes one syscall per key). errno is read with {@link Native#getLastError()} right after a call.
 */
final class LibC {
    static {
        Native.register(NativeLibrary.getInstance("c"));
    }

    private LibC() {
    }

    /** syscall(2); bpf(2) has no glibc wrapper. */
    static native long syscall(long number, long cmd, Pointer attr, long size);

    static native int close(int fd);

    /** getrlimit/setrlimit take struct rlimit {rlim_t cur, max} (two 64-bit values). */
    static native int getrlimit(int resource, Pointer rlimit);

    static native int setrlimit(int resource, Pointer rlimit);

    static int errno() {
        return Native.getLastError();
    }
}
