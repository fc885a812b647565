package io.bpfsh.engine.sys;

/** What the kernel reports about a live map (struct bpf_map_info). */
public record MapInfo(int type, int id, int keySize, int valueSize, int maxEntries, int flags,
                      String name, int btfId, int btfKeyTypeId, int btfValueTypeId, long mapExtra) {

    /** "hash", "array", ... or "type N" for a type newer than bpfsh. */
    public String typeName() {
        return MapType.nameOf(type);
    }

    /** The map type, or null when the kernel reports one bpfsh does not know. */
    public MapType mapType() {
        return MapType.of(type);
    }
}
