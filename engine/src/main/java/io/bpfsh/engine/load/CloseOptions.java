package io.bpfsh.engine.load;

/**
 * Per-map close options, keyed by {@code "maps/<name>"} as in gobpf's {@code CloseExt}.
 *
 * @param unpin   remove the map's pin
 * @param pinPath for PIN_CUSTOM_NS maps: the pin path given at load (gobpf asks for it again)
 */
public record CloseOptions(boolean unpin, String pinPath) {
    /** Unpin a map whose path follows from its definition (PIN_GLOBAL_NS, PIN_OBJECT_NS, BY_NAME). */
    public static CloseOptions unpinning() {
        return new CloseOptions(true, null);
    }

    /** Unpin a PIN_CUSTOM_NS map pinned at the path given at load. */
    public static CloseOptions unpinning(String pinPath) {
        return new CloseOptions(true, pinPath);
    }
}
