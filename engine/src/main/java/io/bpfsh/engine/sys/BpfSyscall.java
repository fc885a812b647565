package io.bpfsh.engine.sys;

/**
 * The only caller of bpf(2). Picks the syscall number for the running architecture and turns a
 * negative result into a {@link BpfException} that names the command and its subject.
 */
final class BpfSyscall {
    private static final long NR_BPF = syscallNumber(System.getProperty("os.arch"));

    private BpfSyscall() {
    }

    static long syscallNumber(String arch) {
        switch (arch) {
            case "amd64":
            case "x86_64":
                return 321;
            case "aarch64":
            case "arm64":
                return 280;
            default:
                return -1;
        }
    }

    /** Runs the command; returns its non-negative result or throws with errno and subject. */
    static long call(BpfCommand cmd, Attr attr, String subject) throws BpfException {
        long r = callRaw(cmd, attr);
        if (r < 0) {
            throw new BpfException(cmd, (int) -r, subject);
        }
        return r;
    }

    /**
     * Runs the command once, without retrying EINTR: for commands whose attr the kernel rewrites as it
     * goes (MAP_LOOKUP_BATCH writes back a partial count), where a plain retry would be wrong.
     */
    static long callOnce(BpfCommand cmd, Attr attr) {
        if (NR_BPF < 0) {
            return callRaw(cmd, attr); // reports the unsupported architecture
        }
        SyscallListener l = SyscallTrace.listener();
        long start = l == null ? 0 : System.nanoTime();
        long r = LibC.syscall(NR_BPF, cmd.number(), attr.pointer(), attr.size());
        long result = r < 0 ? -LibC.errno() : r;
        SyscallTrace.report(l, "BPF_" + cmd.name(), attr.shown(), result, SyscallTrace.returnsFd(cmd), start);
        return result;
    }

    /** Runs the command; returns its result, or minus errno, for callers that expect ENOENT and the like. */
    static long callRaw(BpfCommand cmd, Attr attr) {
        if (NR_BPF < 0) {
            throw new UnsupportedOperationException(
                    "bpf(2): unsupported architecture " + System.getProperty("os.arch")
                            + " (bpfsh knows x86_64 and aarch64)");
        }
        SyscallListener l = SyscallTrace.listener();
        long r;
        int errno;
        do {
            long start = l == null ? 0 : System.nanoTime();
            r = LibC.syscall(NR_BPF, cmd.number(), attr.pointer(), attr.size());
            errno = r < 0 ? LibC.errno() : 0;
            SyscallTrace.report(l, "BPF_" + cmd.name(), attr.shown(), r < 0 ? -errno : r, SyscallTrace.returnsFd(cmd), start);
        } while (r < 0 && errno == Errno.EINTR.number());
        return r < 0 ? -errno : r;
    }
}
