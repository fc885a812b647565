package io.bpfsh.engine.sys;

import java.util.List;

/**
 * One system call as it happened.
 *
 * @param name     the kernel's name: the bpf command as in enum bpf_cmd ({@code BPF_MAP_CREATE}), or
 *                 the system call ({@code mount}, {@code perf_event_open}, {@code mmap})
 * @param fields   the arguments that matter for it, by their UAPI names, in layout order
 * @param result   what it returned: a non-negative value, or minus errno
 * @param returnsFd whether a non-negative result is a new file descriptor
 * @param nanos    how long the call took
 */
public record SyscallEvent(String name, List<Field> fields, long result, boolean returnsFd, long nanos) {
    public SyscallEvent {
        fields = List.copyOf(fields);
    }

    /**
     * One argument: {@code value} is a {@link Long} (a number), a {@link String} (text the call
     * carries: a path, a name) or a {@link Symbol} (a value of a kernel enum or flag set, by name).
     */
    public record Field(String name, Object value) {
    }

    /** A kernel constant by its name: {@code array}, {@code xdp}, {@code BPF_F_RDONLY}. */
    public record Symbol(String name) {
        @Override
        public String toString() {
            return name;
        }
    }

    public boolean failed() {
        return result < 0;
    }

    /** The errno name of a failed call ("ENOENT", or "errno 123" for one bpfsh does not name). */
    public String errnoName() {
        Errno e = Errno.of((int) -result);
        return e == null ? "errno " + (-result) : e.name();
    }
}
