package io.bpfsh.engine.load;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.spec.MapInit;
import io.bpfsh.engine.spec.MapSlot;
import io.bpfsh.engine.spec.ObjectSpec;
import io.bpfsh.engine.sys.UpdateMode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

/**
 * Fills the initial slots of maps of maps (once every map exists) and program arrays (once every program is
 * loaded): each slot's value is the FD of the inner map or program it names. A reused pinned map of maps is
 * another loader's and is left as it is; a reused program array is filled as libbpf fills it (its slots name
 * this object's programs, which the entry program of this object tail-calls), with a note that the shared
 * array now points to them.
 */
final class MapSlotFiller {
    private MapSlotFiller() {
    }

    static void fillMaps(ObjectSpec spec, List<LoadedMap> maps) throws EngineException {
        for (Map.Entry<String, MapInit> e : spec.mapInit().entrySet()) {
            if (e.getValue().inner() == null) continue;
            LoadedMap outer = byName(maps, e.getKey());
            if (outer.reused()) continue;
            for (MapSlot slot : e.getValue().slots()) {
                set(spec, outer, slot, byName(maps, slot.target()).map().fd().get());
            }
        }
    }

    static void fillPrograms(ObjectSpec spec, List<LoadedMap> maps, List<LoadedProgram> programs,
            List<LoadEvent> events) throws EngineException {
        for (Map.Entry<String, MapInit> e : spec.mapInit().entrySet()) {
            if (e.getValue().inner() != null) continue;
            LoadedMap array = byName(maps, e.getKey());
            for (MapSlot slot : e.getValue().slots()) {
                LoadedProgram p = programs.stream().filter(x -> x.name().equals(slot.target())).findFirst()
                        .orElseThrow(() -> new IllegalStateException("slot names unknown program " + slot.target()));
                set(spec, array, slot, p.program().fd().get());
            }
            if (array.reused() && !e.getValue().slots().isEmpty()) {
                events.add(new LoadEvent(LoadEvent.Kind.NOTE, "map " + array.name() + " is a reused pinned program array: "
                        + "its slots " + String.join(", ", e.getValue().slots().stream()
                                .map(sl -> sl.index() + " (" + sl.target() + ")").toList())
                        + " now point to this object's programs, for every program that tail-calls through it", null, null));
            }
        }
    }

    private static void set(ObjectSpec spec, LoadedMap map, MapSlot slot, int fd) throws EngineException {
        try {
            map.map().update(u32(slot.index()), u32(fd), UpdateMode.ANY);
        } catch (EngineException e) {
            throw e.withContext(spec.file() + ": map " + map.name() + " slot " + slot.index() + " ('"
                    + slot.target() + "')");
        }
    }

    private static LoadedMap byName(List<LoadedMap> maps, String name) {
        return maps.stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no loaded map " + name));
    }

    private static byte[] u32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }
}
