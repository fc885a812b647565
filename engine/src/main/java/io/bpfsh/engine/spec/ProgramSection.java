package io.bpfsh.engine.spec;

import io.bpfsh.engine.btf.BtfKind;
import io.bpfsh.engine.sys.AttachType;
import io.bpfsh.engine.sys.ProgType;

/**
 * What a program's section name says, by {@link ProgramSections}: its type, the expected attach type
 * PROG_LOAD needs, the load flags, and the attach target written after the prefix ("syscalls/sys_enter_getppid"
 * in {@code tracepoint/syscalls/sys_enter_getppid}; "" when the name holds none).
 *
 * @param optional the name starts with '?': libbpf does not load it unless asked
 */
public record ProgramSection(String section, ProgramSections.Definition definition, String target, boolean optional) {

    /** bpf_attr.prog_flags bits (include/uapi/linux/bpf.h). */
    public static final int BPF_F_SLEEPABLE = 1 << 4;
    public static final int BPF_F_XDP_HAS_FRAGS = 1 << 5;

    public ProgType type() {
        return definition.type();
    }

    /** The expected attach type, or null where the program type needs none. */
    public AttachType attachType() {
        return definition.attach();
    }

    /** The number PROG_LOAD's expected_attach_type takes (0 where none is needed). */
    public int expectedAttachType() {
        return definition.attach() == null ? 0 : definition.attach().number();
    }

    /** PROG_LOAD's prog_flags for this section. */
    public int programFlags() {
        return (definition.has(ProgramSections.SLEEPABLE) ? BPF_F_SLEEPABLE : 0)
                | (definition.has(ProgramSections.XDP_FRAGS) ? BPF_F_XDP_HAS_FRAGS : 0);
    }

    public boolean sleepable() {
        return definition.has(ProgramSections.SLEEPABLE);
    }

    /** The pattern that matched ("tracepoint+", "xdp"), as libbpf writes it. */
    public String pattern() {
        return definition.pattern();
    }

    /** Whether PROG_LOAD needs attach_btf_id: the id of {@link #btfTargetName()} in the kernel's BTF. */
    public boolean needsAttachBtfId() {
        return definition.has(ProgramSections.ATTACH_BTF) && type() != ProgType.EXT;
    }

    /**
     * The kernel BTF name the target stands for, as libbpf looks it up: {@code btf_trace_NAME} for
     * tp_btf, {@code bpf_lsm_NAME} for lsm, {@code bpf_iter_NAME} for iter, the function itself for
     * fentry, fexit and fmod_ret.
     */
    public String btfTargetName() {
        AttachType a = definition.attach();
        if (a == AttachType.TRACE_RAW_TP) {
            return "btf_trace_" + target;
        }
        if (a == AttachType.LSM_MAC || a == AttachType.LSM_CGROUP) {
            return "bpf_lsm_" + target;
        }
        if (a == AttachType.TRACE_ITER) {
            return "bpf_iter_" + target;
        }
        return target;
    }

    /** The BTF kind of {@link #btfTargetName()}: a TYPEDEF for tp_btf, else a FUNC. */
    public BtfKind btfTargetKind() {
        return definition.attach() == AttachType.TRACE_RAW_TP ? BtfKind.TYPEDEF : BtfKind.FUNC;
    }
}
