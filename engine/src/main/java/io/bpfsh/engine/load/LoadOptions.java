package io.bpfsh.engine.load;

/**
 * Options of a whole load.
 *
 * @param pinRoot where LIBBPF_PIN_BY_NAME maps pin (libbpf's pin_root_path), relative to the bpffs
 *                root or absolute inside it; null or "" means the bpffs root itself
 */
public record LoadOptions(String pinRoot) {
    public static LoadOptions defaults() {
        return new LoadOptions(null);
    }
}
