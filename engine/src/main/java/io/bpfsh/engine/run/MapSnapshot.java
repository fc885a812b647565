package io.bpfsh.engine.run;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.MapCursor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The entries of one map at one moment, to compare before and after a test run. Bounded: a map with
 * more than {@link #MAX_ENTRIES} entries is not copied (the comparison would cost more than the run
 * teaches), and the caller says so.
 */
final class MapSnapshot {
    static final int MAX_ENTRIES = 65536;

    private final Map<ByteBuffer, byte[]> entries;

    private MapSnapshot(Map<ByteBuffer, byte[]> entries) {
        this.entries = entries;
    }

    /** The map's entries, or null when it holds more than {@link #MAX_ENTRIES}. */
    static MapSnapshot of(BpfMap map) throws EngineException {
        Map<ByteBuffer, byte[]> entries = new LinkedHashMap<>();
        try (MapCursor c = map.entries()) {
            while (c.next()) {
                if (entries.size() == MAX_ENTRIES) {
                    return null;
                }
                entries.put(ByteBuffer.wrap(c.key()), c.value());
            }
        }
        return new MapSnapshot(entries);
    }

    /** What changed from this snapshot to {@code after}, in the map's iteration order. */
    List<MapChange> changesTo(MapSnapshot after, int mapId, String mapName) {
        List<MapChange> changes = new ArrayList<>();
        for (Map.Entry<ByteBuffer, byte[]> e : after.entries.entrySet()) {
            byte[] old = entries.get(e.getKey());
            if (old == null || !Arrays.equals(old, e.getValue())) {
                changes.add(new MapChange(mapId, mapName, e.getKey().array(), old, e.getValue()));
            }
        }
        for (Map.Entry<ByteBuffer, byte[]> e : entries.entrySet()) {
            if (!after.entries.containsKey(e.getKey())) {
                changes.add(new MapChange(mapId, mapName, e.getKey().array(), e.getValue(), null));
            }
        }
        return changes;
    }
}
