package io.bpfsh.engine.load;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.btf.BtfKind;
import io.bpfsh.engine.btf.BtfType;
import io.bpfsh.engine.core.CoreTargets;
import java.util.Locale;

/**
 * attach_btf_id of fentry, fexit, fmod_ret, lsm, tp_btf and iter programs: the id of the type their
 * section names in the running kernel's BTF (/sys/kernel/btf/vmlinux, read and cached by
 * {@link CoreTargets}, which CO-RE resolves against too).
 */
final class KernelBtf {
    private KernelBtf() {
    }

    /** The id of a named type of a kind in vmlinux BTF, or an error saying the kernel has no such type. */
    static int idOf(String name, BtfKind kind, String subject) throws EngineException {
        return CoreTargets.kernel().vmlinux().findByName(name, kind).map(BtfType::id)
                .orElseThrow(() -> new EngineException(subject + ": the kernel's BTF (/sys/kernel/btf/vmlinux) has no "
                        + kind.name().toLowerCase(Locale.ROOT) + " '" + name + "'"));
    }
}
