package io.bpfsh.engine.spec;

/**
 * Where a map definition asks to be pinned. The first four are gobpf's (and iproute2's) numbering in
 * legacy map definitions; BY_NAME is libbpf's LIBBPF_PIN_BY_NAME in BTF-defined maps.
 */
public enum Pinning {
    /** 0: not pinned. */
    NONE("PIN_NONE"),
    /** 1: {@code <root>/<namespace>/<sha1 of the ELF file>/<map>}, shared by loads of the same object. */
    OBJECT_NS("PIN_OBJECT_NS"),
    /** 2: {@code <root>/<namespace>/globals/<map>}. */
    GLOBAL_NS("PIN_GLOBAL_NS"),
    /** 3: {@code <root>/<SectionParams.pinPath>}. */
    CUSTOM_NS("PIN_CUSTOM_NS"),
    /** libbpf: {@code <pin root>/<map>}. */
    BY_NAME("LIBBPF_PIN_BY_NAME");

    private final String displayName;

    Pinning(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** The legacy (gobpf/iproute2) numbering; values above 3 are iproute2 custom ids, pinned as CUSTOM_NS. */
    static Pinning ofLegacy(long value) {
        if (value == 0) {
            return NONE;
        } else if (value == 1) {
            return OBJECT_NS;
        } else if (value == 2) {
            return GLOBAL_NS;
        }
        return CUSTOM_NS;
    }
}
