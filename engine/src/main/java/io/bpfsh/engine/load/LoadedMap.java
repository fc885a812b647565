package io.bpfsh.engine.load;

import io.bpfsh.engine.fs.PinPath;
import io.bpfsh.engine.spec.MapSpec;
import io.bpfsh.engine.spec.Pinning;
import io.bpfsh.engine.sys.BpfMap;
import java.util.Optional;

/** A map of a loaded module: what the object asked for, the live map, and where it is pinned. */
public final class LoadedMap {
    private final MapSpec spec;
    private final BpfMap map;
    private final PinPath pinPath;
    private final boolean reused;

    LoadedMap(MapSpec spec, BpfMap map, PinPath pinPath, boolean reused) {
        this.spec = spec;
        this.map = map;
        this.pinPath = pinPath;
        this.reused = reused;
    }

    public String name() {
        return spec.name();
    }

    /** The SectionParams/CloseOptions key, "maps/NAME". */
    public String key() {
        return spec.key();
    }

    /** The definition as loaded (max_entries after SectionParams). */
    public MapSpec spec() {
        return spec;
    }

    public BpfMap map() {
        return map;
    }

    public Pinning pinning() {
        return spec.pinning();
    }

    public Optional<PinPath> pinPath() {
        return Optional.ofNullable(pinPath);
    }

    /**
     * The pin path to give {@link CloseOptions} to unpin this map where this load pinned it: the pin
     * path of a PIN_CUSTOM_NS or LIBBPF_PIN_BY_NAME map; empty for the namespace pinnings, whose path
     * close computes itself, and for maps that are not pinned.
     */
    public Optional<String> unpinPath() {
        boolean named = pinning() == Pinning.CUSTOM_NS || pinning() == Pinning.BY_NAME;
        return named && pinPath != null ? Optional.of(pinPath.toString()) : Optional.empty();
    }

    /** True when the load opened a map that was already pinned rather than creating one. */
    public boolean reused() {
        return reused;
    }
}
