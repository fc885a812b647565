package io.bpfsh.engine.sys;

/**
 * Runs a command that creates a kernel object (MAP_CREATE, PROG_LOAD, BTF_LOAD). On EPERM it raises
 * RLIMIT_MEMLOCK once and retries, for kernels before 5.11; an EPERM after that means privilege.
 */
final class PrivilegedCall {
    private PrivilegedCall() {
    }

    static long run(BpfCommand cmd, Attr attr, String subject) throws BpfException {
        long r = BpfSyscall.callRaw(cmd, attr);
        if (r == -Errno.EPERM.number() && MemlockLimit.raise()) {
            r = BpfSyscall.callRaw(cmd, attr);
        }
        if (r == -Errno.EPERM.number()) {
            throw new MissingPrivilegeException(cmd, subject, "root or CAP_BPF is needed");
        }
        if (r < 0) {
            throw new BpfException(cmd, (int) -r, subject);
        }
        return r;
    }
}
