package io.bpfsh.engine.sys;

import java.util.List;

/**
 * The one hook on the engine's system calls. With no listener (the usual case) a call costs one
 * volatile read more and an {@link Attr} records nothing; with one, each call is timed and reported
 * after it returns, with the attr fields its command method named.
 */
public final class SyscallTrace {
    private static volatile SyscallListener listener;

    private SyscallTrace() {
    }

    /** Reports every call from now on to {@code l}; null stops reporting. One listener at a time. */
    public static void listen(SyscallListener l) {
        listener = l;
    }

    static SyscallListener listener() {
        return listener;
    }

    /** Whether calls are reported: an Attr made now records its named fields. */
    static boolean on() {
        return listener != null;
    }

    /** Reports a finished call to the listener, if it is still there. */
    static void report(SyscallListener l, String name, List<SyscallEvent.Field> fields, long result,
            boolean returnsFd, long startNanos) {
        if (l != null) {
            l.called(new SyscallEvent(name, fields, result, returnsFd, System.nanoTime() - startNanos));
        }
    }

    /**
     * Reports a call made outside this package (mount(2) in fs): {@code call} runs it and returns its
     * result or minus errno, timed only while a listener is there.
     */
    public static long traced(String name, List<SyscallEvent.Field> fields, java.util.function.LongSupplier call) {
        return traced(name, fields, false, call);
    }

    /** As {@link #traced(String, List, java.util.function.LongSupplier)}, for a call whose result is a new FD. */
    public static long traced(String name, List<SyscallEvent.Field> fields, boolean returnsFd,
            java.util.function.LongSupplier call) {
        SyscallListener l = listener;
        if (l == null) {
            return call.getAsLong();
        }
        long start = System.nanoTime();
        long r = call.getAsLong();
        report(l, name, fields, r, returnsFd, start);
        return r;
    }

    /** The bpf commands whose result is a new FD: they create or open an object. */
    static boolean returnsFd(BpfCommand cmd) {
        String n = cmd.name();
        return n.endsWith("_CREATE") || n.endsWith("_GET_FD_BY_ID") || n.endsWith("_OPEN")
                || cmd == BpfCommand.PROG_LOAD || cmd == BpfCommand.OBJ_GET || cmd == BpfCommand.BTF_LOAD;
    }
}
