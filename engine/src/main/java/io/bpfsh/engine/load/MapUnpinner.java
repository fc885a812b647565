package io.bpfsh.engine.load;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.fs.Bpffs;
import io.bpfsh.engine.fs.BpffsException;
import io.bpfsh.engine.fs.PinPath;
import io.bpfsh.engine.spec.Pinning;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.PinAccess;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The unpinning half of gobpf's CloseExt: which path each map's close options name (checked before
 * anything is unpinned), then the unlinks, each checked right before it, since other loaders may
 * have unpinned the map, or pinned their own there, since the load.
 */
final class MapUnpinner {
    private final String file;
    private final Bpffs bpffs;
    private final PinLocations locations;

    MapUnpinner(String file, Bpffs bpffs, PinLocations locations) {
        this.file = file;
        this.bpffs = bpffs;
        this.locations = locations;
    }

    /** What unpinning did: the paths removed, notes, and the first failure (null when none). */
    record Outcome(List<String> unpinned, List<String> notes, String failure) {
        static final Outcome NOTHING = new Outcome(List.of(), List.of(), null);
    }

    /** The pin path of every map whose options ask for an unpin; a bad option is an error before any change. */
    Map<LoadedMap, PinPath> paths(List<LoadedMap> maps, Map<String, CloseOptions> options) throws EngineException {
        Map<LoadedMap, PinPath> toUnpin = new LinkedHashMap<>();
        for (LoadedMap m : maps) {
            CloseOptions co = options.get(m.key());
            if (co != null && co.unpin() && !(co.createdOnly() && m.reused())) {
                toUnpin.put(m, unpinPath(m, co));
            }
        }
        return toUnpin;
    }

    /** The notes for maps left pinned because the module reused them and the options asked only for its own. */
    List<String> keptReused(List<LoadedMap> maps, Map<String, CloseOptions> options) {
        List<String> notes = new ArrayList<>();
        for (LoadedMap m : maps) {
            CloseOptions co = options.get(m.key());
            if (co != null && co.unpin() && co.createdOnly() && m.reused()) {
                notes.add("map " + m.name() + " left pinned at " + m.pinPath().map(Object::toString).orElse("?")
                        + ": this module reused it rather than created it (unpin it by name to remove it)");
            }
        }
        return notes;
    }

    Outcome unpin(Map<LoadedMap, PinPath> toUnpin) {
        List<String> unpinned = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String failure = null;
        for (Map.Entry<LoadedMap, PinPath> e : toUnpin.entrySet()) {
            LoadedMap m = e.getKey();
            PinPath path = e.getValue();
            // no syscall unlinks only a given map, so checking right before the unlink narrows the window
            int held = idPinnedAt(path);
            if (held != m.map().id()) {
                notes.add("map " + m.name() + " was no longer pinned at " + path
                        + (held > 0 ? ", which now holds map id " + held + " (left alone)" : ""));
                continue;
            }
            try {
                // in the parent's FD, and only if it is a pin: never through a symlink or across a mount
                if (bpffs.removePin(path)) {
                    unpinned.add(path.toString());
                    if (m.reused()) {
                        notes.add("unpinned map " + m.name() + " at " + path + ", which this module reused rather than created");
                    }
                } else {
                    // the goal of an unpin is that the pin is gone: someone was first, which is worth saying
                    notes.add("map " + m.name() + " was no longer pinned at " + path);
                }
            } catch (BpffsException ex) {
                if (failure == null) {
                    failure = "unpin map " + m.name() + " at " + path + ": " + ex.getMessage();
                }
            }
        }
        return new Outcome(unpinned, notes, failure);
    }

    /**
     * Where to unpin a map: the path it was pinned at, or for PIN_CUSTOM_NS the path given again (as
     * gobpf asks). Catches the caller's mistakes before anything is unpinned.
     */
    private PinPath unpinPath(LoadedMap m, CloseOptions co) throws EngineException {
        if (m.pinning() == Pinning.NONE) {
            throw new EngineException(file + ": close: map " + m.name() + " is not pinned (PIN_NONE)");
        }
        boolean given = co.pinPath() != null && !co.pinPath().isBlank();
        if (m.pinning() == Pinning.CUSTOM_NS && !given) {
            throw new EngineException(file + ": close: map " + m.name()
                    + " has PIN_CUSTOM_NS; give the pin path it was loaded with");
        }
        if (given && (m.pinning() == Pinning.GLOBAL_NS || m.pinning() == Pinning.OBJECT_NS)) {
            throw new EngineException(file + ": close: map " + m.name() + ": a pin path was given, but "
                    + m.pinning().displayName() + " fixes the path by namespace (" + m.pinPath().orElseThrow() + ")");
        }
        if (m.pinning() != Pinning.CUSTOM_NS && !given) {
            return m.pinPath().orElseThrow();
        }
        PinPath path = locations.resolve(m.spec(), co.pinPath());
        int held = idPinnedAt(path);
        if (held > 0 && held != m.map().id()) {
            // a path the caller gave that holds another map is most likely the wrong path
            throw new EngineException(file + ": close: " + path + " holds map id " + held + ", not map "
                    + m.name() + " (id " + m.map().id() + ")");
        }
        return path;
    }

    /** The id of the map pinned at a path; 0 when nothing (or something that is not a map) is pinned there. */
    private int idPinnedAt(PinPath path) {
        try (BpfMap there = bpffs.openMap(path, PinAccess.READ_ONLY)) {
            return there.id();
        } catch (EngineException e) {
            return 0;
        }
    }
}
