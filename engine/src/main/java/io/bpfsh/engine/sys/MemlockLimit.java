package io.bpfsh.engine.sys;

import com.sun.jna.Memory;

/**
 * Kernels before 5.11 charge BPF maps and programs to RLIMIT_MEMLOCK, whose default (64 KiB or 8 MiB)
 * makes MAP_CREATE fail with EPERM. Raising it to infinity once, on the first EPERM, is what gobpf and
 * libbpf do; newer kernels never get here.
 */
final class MemlockLimit {
    private static final int RLIMIT_MEMLOCK = 8;
    private static volatile boolean raised;

    private MemlockLimit() {
    }

    /** Raises the limit; true if it was raised now (so a retry may help). */
    static synchronized boolean raise() {
        if (raised) {
            return false;
        }
        raised = true;
        try (Memory rlimit = new Memory(16)) {
            rlimit.setLong(0, -1L); // RLIM_INFINITY
            rlimit.setLong(8, -1L);
            return LibC.setrlimit(RLIMIT_MEMLOCK, rlimit) == 0;
        }
    }
}
