package io.bpfsh.engine.load;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.btf.BtfLayoutChange;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A map is already pinned where the object wants its map, but with other attributes. The pinned map
 * is left untouched; the message lists each differing field, e.g. {@code value_size: 4 in object, 8 pinned}.
 */
public class MapIncompatibleException extends EngineException {
    /**
     * One attribute that differs between the object's definition and the pinned map. For the BTF layout of
     * the key or value ({@code field} "key layout" or "value layout"), {@code layout} lists each member that
     * was added, removed, moved, resized or changed kind; it is empty for the other fields.
     */
    public record Difference(String field, String inObject, String pinned, List<BtfLayoutChange> layout) {
        public Difference(String field, String inObject, String pinned) {
            this(field, inObject, pinned, List.of());
        }

        public Difference {
            layout = List.copyOf(layout);
        }

        @Override
        public String toString() {
            if (!layout.isEmpty()) {
                return field + " of " + inObject + ": " + layout.stream().map(BtfLayoutChange::toString)
                        .collect(Collectors.joining(", "));
            }
            return field + ": " + inObject + " in object, " + pinned + " pinned";
        }
    }

    private final List<Difference> differences;

    public MapIncompatibleException(String file, String map, String path, List<Difference> differences) {
        this(file, map, path, differences, null);
    }

    /** @param also what else keeps the load from going on (why the entries cannot be migrated), or null */
    public MapIncompatibleException(String file, String map, String path, List<Difference> differences, String also) {
        super(file + ": map " + map + ": the map pinned at " + path + " is incompatible: "
                + differences.stream().map(Difference::toString).collect(Collectors.joining("; "))
                + (also == null ? "" : "; " + also));
        this.differences = List.copyOf(differences);
    }

    public List<Difference> differences() {
        return differences;
    }
}
