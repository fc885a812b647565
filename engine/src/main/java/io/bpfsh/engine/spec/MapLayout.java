package io.bpfsh.engine.spec;

/** Which convention an object used to define a map. */
public enum MapLayout {
    /** gobpf: one 280-byte bpf_map_def (with pinning and namespace) per {@code maps/<name>} section. */
    GOBPF("gobpf"),
    /** iproute2: 36-byte bpf_elf_map entries in one {@code maps} section, named by their symbols. */
    IPROUTE2("iproute2"),
    /** libbpf before 1.0: 20-byte bpf_map_def entries in one {@code maps} section, no pinning. */
    LIBBPF_LEGACY("libbpf-legacy"),
    /** libbpf: BTF-defined maps in the {@code .maps} section. */
    BTF("btf"),
    /** libbpf global data: {@code .data}, {@code .rodata*}, {@code .bss} as single-entry arrays. */
    GLOBAL_DATA("global-data");

    private final String displayName;

    MapLayout(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
