package io.bpfsh.engine.disasm;

import io.bpfsh.engine.btf.Btf;
import io.bpfsh.engine.btf.BtfEnumValue;
import io.bpfsh.engine.btf.BtfFormatException;
import io.bpfsh.engine.btf.BtfKind;
import io.bpfsh.engine.btf.BtfType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Helper names by number, from the running kernel's own {@code enum bpf_func_id} in its BTF
 * (/sys/kernel/btf/vmlinux): {@code BPF_FUNC_map_lookup_elem = 1} reads {@code bpf_map_lookup_elem},
 * the name the kernel's disassembler prints. No table is kept here, so a newer kernel's helpers are
 * named too. Kernel functions (kfuncs) are named by their BTF FUNC id from the same BTF.
 */
public final class HelperNames {
    private static final Path VMLINUX = Path.of("/sys/kernel/btf/vmlinux");
    private static final String PREFIX = "BPF_FUNC_";
    private static volatile HelperNames kernel;

    private final Map<Integer, String> helpers;
    private final Btf btf;

    HelperNames(Btf btf) {
        this.btf = btf;
        Map<Integer, String> names = new HashMap<>();
        if (btf != null) {
            Optional<BtfType> e = btf.findByName("bpf_func_id", BtfKind.ENUM);
            if (e.isPresent()) {
                for (BtfEnumValue v : ((BtfType.Enum) e.get()).values()) {
                    if (v.name().startsWith(PREFIX) && !v.name().equals("__BPF_FUNC_MAX_ID")) {
                        names.put((int) v.value(), "bpf_" + v.name().substring(PREFIX.length()));
                    }
                }
            }
        }
        helpers = Map.copyOf(names);
    }

    /**
     * The running kernel's names, read once per process (the kernel's BTF does not change while it
     * runs); names nothing when the kernel has no BTF.
     */
    public static HelperNames ofKernel() {
        HelperNames h = kernel;
        if (h == null) {
            Btf btf;
            try {
                btf = Btf.parse(VMLINUX.toString(), Files.readAllBytes(VMLINUX));
            } catch (IOException | BtfFormatException e) {
                btf = null;
            }
            h = new HelperNames(btf);
            kernel = h;
        }
        return h;
    }

    /** {@code bpf_map_lookup_elem} for 1; empty for a number the kernel does not define. */
    public Optional<String> helper(int id) {
        return Optional.ofNullable(helpers.get(id));
    }

    /** The kernel function with this BTF FUNC id (a kfunc call's immediate in an object file). */
    public Optional<String> kfunc(int btfId) {
        if (btf == null || btfId <= 0 || btfId > btf.typeCount()) {
            return Optional.empty();
        }
        BtfType t = btf.type(btfId);
        return t.kind() == BtfKind.FUNC ? Optional.of(t.name()) : Optional.empty();
    }
}
