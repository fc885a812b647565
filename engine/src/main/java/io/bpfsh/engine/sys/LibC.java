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

    /** fcntl(2) with an int argument (F_DUPFD_CLOEXEC). */
    static native int fcntl(int fd, int cmd, int arg);

    /** open(2) and read(2), for files that must be read without blocking (trace_pipe). */
    static native int open(String path, int flags);

    static native long read(int fd, Pointer buf, long count);

    /** mmap(2); returns MAP_FAILED ((void *) -1) on error. */
    static native Pointer mmap(Pointer addr, long length, int prot, int flags, int fd, long offset);

    static native int munmap(Pointer addr, long length);

    static native int getpagesize();

    static native int epoll_create1(int flags);

    static native int epoll_ctl(int epfd, int op, int fd, Pointer event);

    static native int epoll_wait(int epfd, Pointer events, int maxEvents, int timeoutMillis);

    /** ioctl(2) with an integer argument (PERF_EVENT_IOC_ENABLE takes 0). */
    static native int ioctl(int fd, long request, long arg);

    /** syscall(2) with five arguments: perf_event_open(2) has no glibc wrapper. */
    static native long syscall(long number, Pointer attr, long pid, long cpu, long groupFd, long flags);

    /** if_nametoindex(3) and if_indextoname(3): network devices of the caller's namespace. */
    static native int if_nametoindex(String name);

    static native Pointer if_indextoname(int index, Pointer name);

    /** socket(2), sendto(2), recv(2): the rtnetlink socket that classic tc attachment talks through. */
    static native int socket(int domain, int type, int protocol);

    static native long sendto(int fd, Pointer buf, long len, int flags, Pointer address, int addressLength);

    static native long recv(int fd, Pointer buf, long len, int flags);

    static int errno() {
        return Native.getLastError();
    }
}
