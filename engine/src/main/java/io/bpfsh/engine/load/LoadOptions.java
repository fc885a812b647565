package io.bpfsh.engine.load;

/**
 * Options of a whole load.
 *
 * @param pinRoot        where LIBBPF_PIN_BY_NAME maps pin (libbpf's pin_root_path), relative to the bpffs
 *                       root or absolute inside it; null or "" means the bpffs root itself
 * @param onIncompatible what to do when a map is pinned where the load wants its map but differs from it
 */
public record LoadOptions(String pinRoot, IncompatiblePolicy onIncompatible) {
    public LoadOptions {
        onIncompatible = onIncompatible == null ? IncompatiblePolicy.FAIL : onIncompatible;
    }

    public LoadOptions(String pinRoot) {
        this(pinRoot, IncompatiblePolicy.FAIL);
    }

    public static LoadOptions defaults() {
        return new LoadOptions(null);
    }

    public LoadOptions withOnIncompatible(IncompatiblePolicy policy) {
        return new LoadOptions(pinRoot, policy);
    }
}
