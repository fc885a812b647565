package io.bpfsh.engine.load;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.btf.Btf;
import io.bpfsh.engine.btf.BtfFormatException;
import io.bpfsh.engine.fs.Bpffs;
import io.bpfsh.engine.fs.PinPath;
import io.bpfsh.engine.load.MapIncompatibleException.Difference;
import io.bpfsh.engine.spec.MapSpec;
import io.bpfsh.engine.sys.BpfException;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.Errno;
import io.bpfsh.engine.sys.PinAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a load will do to bpffs, map by map: where each map pins and whether it is created, reused, or
 * meets an incompatible pin (and what the policy then does). Computed by reading only: pinned maps are
 * opened read-only and closed again, nothing is created or changed. {@link Module#plan} returns it for
 * {@code load --dry-run}; {@link Module#load} computes the same plan and executes it, so the two agree.
 * When another loader changes a pin between the plan and its execution, the loader plans that map again
 * with {@link #decide} (the same function), a bounded number of times.
 */
public record LoadPlan(String file, IncompatiblePolicy policy, List<PlannedMap> maps) {

    public LoadPlan {
        maps = List.copyOf(maps);
    }

    public Optional<PlannedMap> map(String name) {
        return maps.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** The first map the load would refuse, as the exception the load throws. */
    Optional<MapIncompatibleException> refusal() {
        return maps.stream().filter(m -> m.action() == PlannedMap.Action.FAIL).findFirst()
                .map(m -> m.refusal(file));
    }

    static LoadPlan of(String file, MapPlan resolved, Btf objectBtf, Bpffs bpffs, IncompatiblePolicy policy)
            throws EngineException {
        List<PlannedMap> planned = new ArrayList<>();
        boolean mounted = resolved.pins().isEmpty() || bpffs.isMounted();
        for (MapSpec m : resolved.maps()) {
            PinPath pin = resolved.pins().get(m.name());
            try {
                planned.add(mounted ? decide(m, pin, objectBtf, bpffs, policy)
                        : new PlannedMap(m, pin, PlannedMap.Action.CREATE, 0, List.of()));
            } catch (EngineException e) {
                throw e.withContext(file + ": map " + m.name());
            }
        }
        return new LoadPlan(file, policy, planned);
    }

    /** The plan for one map, from what is pinned at its path now (errors without the file and map: callers add them). */
    static PlannedMap decide(MapSpec m, PinPath pin, Btf objectBtf, Bpffs bpffs,
            IncompatiblePolicy policy) throws EngineException {
        // looked up name by name from the root: a symlink or a mount on the way, or at the pin, is refused
        // by the open below (or by the pin when creating), never followed
        if (pin == null || !bpffs.exists(pin)) {
            return new PlannedMap(m, pin, PlannedMap.Action.CREATE, 0, List.of());
        }
        if (bpffs.isDirectory(pin)) {
            throw new EngineException("pin path " + pin + " is a directory");
        }
        try (BpfMap existing = bpffs.openMap(pin, PinAccess.READ_ONLY)) {
            List<Difference> differences = MapCompatibility.differences(m, objectBtf, existing);
            if (differences.isEmpty()) {
                return new PlannedMap(m, pin, PlannedMap.Action.REUSE, existing.id(), differences);
            }
            return switch (policy) {
                case FAIL -> new PlannedMap(m, pin, PlannedMap.Action.FAIL, existing.id(), differences);
                case REPLACE -> new PlannedMap(m, pin, PlannedMap.Action.REPLACE, existing.id(), differences);
                case MIGRATE -> planMigration(m, pin, existing, objectBtf, differences);
            };
        } catch (BpfException e) {
            if (e.is(Errno.ENOENT)) { // unpinned between the check and the open
                return new PlannedMap(m, pin, PlannedMap.Action.CREATE, 0, List.of());
            }
            throw e;
        }
    }

    /** MIGRATE when every entry can go into the new layout; otherwise FAIL, saying why, before anything is made. */
    private static PlannedMap planMigration(MapSpec m, PinPath pin, BpfMap existing, Btf objectBtf,
            List<Difference> differences) throws EngineException {
        Optional<MapBtf> types = MapBtf.of(objectBtf, m);
        try {
            MapMigration.Report members = MapMigration.planned(existing, m, types);
            return new PlannedMap(m, pin, PlannedMap.Action.MIGRATE, existing.id(), differences, members, null);
        } catch (BtfFormatException e) {
            throw e;
        } catch (EngineException e) {
            return new PlannedMap(m, pin, PlannedMap.Action.FAIL, existing.id(), differences, null, e.getMessage());
        }
    }
}
