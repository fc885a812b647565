package io.bpfsh.engine.load;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.fs.Bpffs;
import io.bpfsh.engine.fs.PinPath;
import io.bpfsh.engine.fs.PinPathException;
import io.bpfsh.engine.spec.MapSpec;
import io.bpfsh.engine.spec.ObjectSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The maps a load will create or reuse, with their parameters applied and their pin paths resolved:
 * all checked before the first syscall, so that bad input changes nothing.
 *
 * @param maps the definitions as they will be created (SectionParams and defaults applied)
 * @param pins each pinned map's path, by map name
 */
record MapPlan(List<MapSpec> maps, Map<String, PinPath> pins) {
    static MapPlan of(ObjectSpec spec, Map<String, SectionParams> params, PinLocations where) throws EngineException {
        List<MapSpec> wanted = new ArrayList<>();
        Map<String, PinPath> pins = new LinkedHashMap<>();
        for (MapSpec m : spec.maps()) {
            SectionParams sp = params.get(m.key());
            // max_entries is a u32: an int with the top bit set is above 2^31, not negative
            MapSpec w = MapDefaults.fill(sp != null && sp.maxEntries() != 0 ? m.withMaxEntries(sp.maxEntries()) : m);
            wanted.add(w);
            PinPath pin = where.resolve(w, sp == null ? null : sp.pinPath());
            if (pin != null) {
                try {
                    Bpffs.requireCreatable(pin);
                } catch (PinPathException e) {
                    throw e.withContext(spec.file() + ": map " + w.name());
                }
                for (Map.Entry<String, PinPath> other : pins.entrySet()) {
                    if (other.getValue().equals(pin)) {
                        throw new EngineException(spec.file() + ": maps " + other.getKey() + " and " + w.name()
                                + " would both pin at " + pin);
                    }
                }
                pins.put(w.name(), pin);
            }
        }
        return new MapPlan(List.copyOf(wanted), pins);
    }
}
