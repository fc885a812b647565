package io.bpfsh.engine.load;

/** What a load does when a map is pinned where it wants its map, but incompatible with it. */
public enum IncompatiblePolicy {
    /** Refuse the load and leave the pin (libbpf's and gobpf's behaviour; the default). */
    FAIL,
    /** Create the new map and rename it over the old pin in one step; the old map lives on for its holders. */
    REPLACE,
    /** As REPLACE, after copying the old map's entries into the new one by BTF member names ({@link MapMigration}). */
    MIGRATE;

    public String displayName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
