package io.bpfsh.engine.load;

/**
 * Per-map close options, keyed by {@code "maps/<name>"} as in gobpf's {@code CloseExt}.
 *
 * @param unpin       remove the map's pin
 * @param pinPath     for PIN_CUSTOM_NS maps: the pin path given at load (gobpf asks for it again)
 * @param createdOnly unpin only if this module created the map: one it reused is someone else's and is
 *                    left, with a note (what "unpin all" means; naming a map unpins it either way, as
 *                    gobpf's CloseExt does)
 */
public record CloseOptions(boolean unpin, String pinPath, boolean createdOnly) {
    public CloseOptions(boolean unpin, String pinPath) {
        this(unpin, pinPath, false);
    }

    /** As {@link #unpinning(String)}, but a map this module reused rather than created is left pinned. */
    public static CloseOptions unpinningIfCreated(String pinPath) {
        return new CloseOptions(true, pinPath, true);
    }

    /** Unpin a map whose path follows from its definition (PIN_GLOBAL_NS, PIN_OBJECT_NS, BY_NAME). */
    public static CloseOptions unpinning() {
        return new CloseOptions(true, null);
    }

    /** Unpin a PIN_CUSTOM_NS map pinned at the path given at load. */
    public static CloseOptions unpinning(String pinPath) {
        return new CloseOptions(true, pinPath);
    }
}
