package io.bpfsh.engine.load;

/**
 * Per-map load parameters, keyed by {@code "maps/<name>"} as in gobpf's {@code Load(secParams)}.
 *
 * @param pinPath    for PIN_CUSTOM_NS maps: where to pin, relative to the bpffs root (or absolute
 *                   inside it); for LIBBPF_PIN_BY_NAME maps: overrides the pin path. Null: none.
 * @param maxEntries overrides the definition's max_entries when not 0 (a u32: -1 means 4294967295); 0 keeps it
 */
public record SectionParams(String pinPath, int maxEntries) {
    public static SectionParams pinPath(String path) {
        return new SectionParams(path, 0);
    }

    public static SectionParams maxEntries(int max) {
        return new SectionParams(null, max);
    }
}
