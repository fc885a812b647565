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
 */
public record PlannedMap(MapSpec spec, PinPath pin, Action action, int pinnedId, List<Difference> differences) {
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
        return differences.isEmpty() ? what : what + ": " + String.join("; ",
                differences.stream().map(Difference::toString).toList());
    }
}
