package io.bpfsh.engine.load;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.sys.BpfException;
import io.bpfsh.engine.sys.Errno;
import io.bpfsh.engine.sys.ProgType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Why the kernel refuses a program that runs on a BPF trampoline (fentry, fexit, fmod_ret, lsm,
 * freplace) with EPERM and an empty verifier log although the process is privileged: "needs root" would
 * be wrong, so the error names the causes instead (kernel lockdown in integrity mode refuses them, and
 * some architectures or configurations have no trampolines).
 */
final class TrampolineRefusal {
    private static final int CAP_SYS_ADMIN = 21;
    private static final int CAP_BPF = 39;

    private TrampolineRefusal() {
    }

    /** The error to report for a failed load of this plan: the explained refusal, or the original. */
    static EngineException explain(BpfException e, ProgramPlan plan, String subject) {
        ProgType t = plan.type();
        boolean trampoline = t == ProgType.EXT || t == ProgType.LSM
                || t == ProgType.TRACING && plan.section() != null && !plan.section().pattern().startsWith("tp_btf")
                && !plan.section().pattern().startsWith("iter");
        if (!trampoline || !e.is(Errno.EPERM) || !privileged()) {
            return e;
        }
        return new EngineException(subject + ": the kernel refused to load this program (EPERM) although bpfsh"
                + " has CAP_BPF and CAP_SYS_ADMIN; fentry, fexit, fmod_ret, lsm and freplace programs run on BPF"
                + " trampolines, which a locked-down kernel (lockdown=integrity, see dmesg) or one without"
                + " trampoline support refuses", e);
    }

    /** Whether the effective capabilities hold CAP_BPF (or CAP_SYS_ADMIN before 5.8) and CAP_SYS_ADMIN. */
    static boolean privileged() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    long caps = Long.parseUnsignedLong(line.substring("CapEff:".length()).trim(), 16);
                    return (caps & (1L << CAP_SYS_ADMIN)) != 0 && (caps & (1L << CAP_BPF)) != 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return false;
        }
        return false;
    }
}
