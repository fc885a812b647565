package io.bpfsh.engine.load;

import io.bpfsh.engine.fs.PinPath;
import io.bpfsh.engine.load.MapIncompatibleException.Difference;
import io.bpfsh.engine.spec.MapSpec;
import java.util.List;
import java.util.Optional;

/**
 * What a load will do with one map: {@code load --dry-run} shows it, and {@link MapLoader} executes it.
 *
 * @param spec        the definition as it will be created (parameters and defaults applied)
 * @param pin         where its pinning option puts it; null for PIN_NONE
 * @param action      create, reuse, fail, replace or migrate
 * @param pinnedId    the id of the map pinned there now, or 0 when there is none
 * @param differences why the pinned map is incompatible (empty unless action is FAIL, REPLACE or MIGRATE)
 * @param migration   for MIGRATE, what the copy will do to the members (entries are counted when copied);
 *                    for a FAIL because the entries cannot be migrated, null and {@code migrationRefusal} says why
 */
public record PlannedMap(MapSpec spec, PinPath pin, Action action, int pinnedId, List<Difference> differences,
                         MapMigration.Report migration, String migrationRefusal) {
    public enum Action {
        /** Nothing is pinned there (or the map is not pinned): create it, and pin it. */
        CREATE,
        /** A compatible map is pinned there: use it. */
        REUSE,
        /** An incompatible map is pinned there and the policy is {@link IncompatiblePolicy#FAIL}. */
        FAIL,
        REPLACE,
        MIGRATE;

        public String displayName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public PlannedMap {
        differences = List.copyOf(differences);
    }

    PlannedMap(MapSpec spec, PinPath pin, Action action, int pinnedId, List<Difference> differences) {
        this(spec, pin, action, pinnedId, differences, null, null);
    }

    /** The load's refusal of a FAIL. */
    MapIncompatibleException refusal(String file) {
        return new MapIncompatibleException(file, name(), pin.toString(), differences,
                migrationRefusal == null ? null : "its entries cannot be migrated: " + migrationRefusal);
    }

    public Optional<MapMigration.Report> migrationReport() {
        return Optional.ofNullable(migration);
    }

    public String name() {
        return spec.name();
    }

    public Optional<PinPath> pinPath() {
        return Optional.ofNullable(pin);
    }

    /** "create", "reuse id 42", "fail: value_size: 8 in object, 4 pinned", "replace id 42: ..." */
    @Override
    public String toString() {
        String what = switch (action) {
            case CREATE -> "create";
            case REUSE -> "reuse id " + pinnedId;
            default -> action.displayName() + " id " + pinnedId;
        };
        String why = differences.isEmpty() ? what : what + ": " + String.join("; ",
                differences.stream().map(Difference::toString).toList());
        if (migrationRefusal != null) {
            return why + "; its entries cannot be migrated: " + migrationRefusal;
        }
        return migration == null ? why : why + "; migrating " + migration.memberText();
    }
}
