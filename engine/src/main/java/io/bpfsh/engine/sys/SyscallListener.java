package io.bpfsh.engine.sys;

/**
 * Told of every system call the engine makes for BPF (bpf(2), and the mount, perf_event_open and mmap
 * calls made for it), after it returns. The engine prints nothing itself: bpfsh's --trace formats the
 * events. Installed with {@link SyscallTrace#listen}; called on the thread that made the call.
 */
@FunctionalInterface
public interface SyscallListener {
    void called(SyscallEvent event);
}
