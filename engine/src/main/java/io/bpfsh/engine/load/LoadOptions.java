package io.bpfsh.engine.load;

/**
 * Options of a whole load.
 *
 * @param pinRoot      where LIBBPF_PIN_BY_NAME maps pin (libbpf's pin_root_path), relative to the bpffs
 *                     root or absolute inside it; null or "" means the bpffs root itself
 * @param maxMapMemory the most kernel memory one map may take up front ({@link MapMemory}); a map
 *                     estimated above it is refused before it is created
 */
public record LoadOptions(String pinRoot, long maxMapMemory) {
    public LoadOptions(String pinRoot) {
        this(pinRoot, MapMemory.DEFAULT_LIMIT);
    }

    public static LoadOptions defaults() {
        return new LoadOptions(null);
    }

    public LoadOptions withMaxMapMemory(long bytes) {
        return new LoadOptions(pinRoot, bytes);
    }
}
