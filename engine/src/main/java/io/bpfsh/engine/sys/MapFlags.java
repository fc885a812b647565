package io.bpfsh.engine.sys;

import java.util.ArrayList;
import java.util.List;

/**
 * The map_flags bits by their UAPI names (the anonymous enum of BPF_F_* in include/uapi/linux/bpf.h,
 * bit n at index n), for info and the trace. A bit without a name here shows as its hex value.
 */
public final class MapFlags {
    private static final String[] NAMES = {
        "BPF_F_NO_PREALLOC", "BPF_F_NO_COMMON_LRU", "BPF_F_NUMA_NODE", "BPF_F_RDONLY", "BPF_F_WRONLY",
        "BPF_F_STACK_BUILD_ID", "BPF_F_ZERO_SEED", "BPF_F_RDONLY_PROG", "BPF_F_WRONLY_PROG", "BPF_F_CLONE",
        "BPF_F_MMAPABLE", "BPF_F_PRESERVE_ELEMS", "BPF_F_INNER_MAP", "BPF_F_LINK", "BPF_F_PATH_FD",
        "BPF_F_VTYPE_BTF_OBJ_FD", "BPF_F_TOKEN_FD", "BPF_F_SEGV_ON_FAULT", "BPF_F_NO_USER_CONV",
    };

    private MapFlags() {
    }

    /** The names of the bits set, lowest first; an unnamed bit as {@code 0x...}. Empty for 0. */
    public static List<String> names(int flags) {
        List<String> out = new ArrayList<>();
        for (int bit = 0; bit < 32; bit++) {
            if ((flags & (1 << bit)) != 0) {
                out.add(bit < NAMES.length ? NAMES[bit] : "0x" + Integer.toHexString(1 << bit));
            }
        }
        return out;
    }

    /** "BPF_F_NO_PREALLOC|BPF_F_RDONLY_PROG", or "0". */
    public static String text(int flags) {
        List<String> n = names(flags);
        return n.isEmpty() ? "0" : String.join("|", n);
    }

    static SyscallEvent.Symbol symbol(int flags) {
        return new SyscallEvent.Symbol(text(flags));
    }
}
