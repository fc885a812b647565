package io.bpfsh.engine.disasm;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.btf.Btf;
import io.bpfsh.engine.btf.BtfEnumValue;
import io.bpfsh.engine.btf.BtfKind;
import io.bpfsh.engine.btf.BtfType;
import io.bpfsh.engine.core.CoreTargets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Helper names by number, from the running kernel's own {@code enum bpf_func_id} in its BTF (the
 * vmlinux BTF that CO-RE reads, parsed once): {@code BPF_FUNC_map_lookup_elem = 1} reads
 * {@code bpf_map_lookup_elem}, the name the kernel's disassembler prints. No table is kept here, so a
 * newer kernel's helpers are named too. Kernel functions (kfuncs) are named by their BTF FUNC id.
 */
public final class HelperNames {
    private static final String PREFIX = "BPF_FUNC_";
    private static volatile HelperNames kernel;

    private final Map<Integer, String> helpers;

    HelperNames(Btf btf) {
        Map<Integer, String> names = new HashMap<>();
        Optional<BtfType> e = btf == null ? Optional.empty() : btf.findByName("bpf_func_id", BtfKind.ENUM);
        if (e.isPresent()) {
            for (BtfEnumValue v : ((BtfType.Enum) e.get()).values()) {
                if (v.name().startsWith(PREFIX)) {
                    names.put((int) v.value(), "bpf_" + v.name().substring(PREFIX.length()));
                }
            }
        }
        helpers = Map.copyOf(names);
    }

    /** The running kernel's names, read once per process; names nothing when the kernel has no BTF. */
    public static HelperNames ofKernel() {
        HelperNames h = kernel;
        if (h == null) {
            h = new HelperNames(vmlinux().orElse(null));
            kernel = h;
        }
        return h;
    }

    private static Optional<Btf> vmlinux() {
        try {
            return Optional.of(CoreTargets.kernel().vmlinux());
        } catch (EngineException e) {
            return Optional.empty(); // no kernel BTF: calls show their numbers
        }
    }

    /** {@code bpf_map_lookup_elem} for 1; empty for a number the kernel does not define. */
    public Optional<String> helper(int id) {
        return Optional.ofNullable(helpers.get(id));
    }

    /** The kernel function with this BTF FUNC id (a kfunc call's immediate in an object file). */
    public Optional<String> kfunc(int btfId) {
        return vmlinux().filter(b -> btfId > 0 && btfId <= b.typeCount()).map(b -> b.type(btfId))
                .filter(t -> t.kind() == BtfKind.FUNC).map(BtfType::name);
    }
}
