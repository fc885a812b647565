package io.bpfsh.engine.load;

import io.bpfsh.engine.EngineException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A map is already pinned where the object wants its map, but with other attributes. The pinned map
 * is left untouched; the message lists each differing field, e.g. {@code value_size: 4 in object, 8 pinned}.
 */
public class MapIncompatibleException extends EngineException {
    /** One attribute that differs between the object's definition and the pinned map. */
    public record Difference(String field, String inObject, String pinned) {
        @Override
        public String toString() {
            return field + ": " + inObject + " in object, " + pinned + " pinned";
        }
    }

    private final List<Difference> differences;

    public MapIncompatibleException(String file, String map, String path, List<Difference> differences) {
        super(file + ": map " + map + ": the map pinned at " + path + " is incompatible: "
                + differences.stream().map(Difference::toString).collect(Collectors.joining("; ")));
        this.differences = List.copyOf(differences);
    }

    public List<Difference> differences() {
        return differences;
    }
}
