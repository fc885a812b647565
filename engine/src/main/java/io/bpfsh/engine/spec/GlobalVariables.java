package io.bpfsh.engine.spec;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.btf.BtfType;
import io.bpfsh.engine.btf.BtfValueParser;
import io.bpfsh.engine.btf.BtfVarSecinfo;
import io.bpfsh.engine.externs.ObjectExterns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The object's global variables ({@code .data}, {@code .rodata*}, {@code .bss}), by their BTF VARs: what a libbpf
 * skeleton sets through {@code skel->rodata->x} before loading. Setting one writes its value, parsed by its BTF
 * type, into the initial contents of its section's map, so programs see it from their first run and
 * {@code const volatile} configuration in .rodata can be chosen per load. Pure.
 */
public final class GlobalVariables {
    /** Where one variable lives: its section's map, its offset and size there, and its type. */
    private record Place(MapSpec map, long offset, long size, int typeId) {
    }

    private GlobalVariables() {
    }

    /** Every variable name, in section and offset order (for help and completion). */
    public static List<String> names(ObjectSpec spec) {
        return List.copyOf(places(spec).keySet());
    }

    /**
     * The object with each {@code name -> literal} written into its variable's map before load.
     *
     * @throws EngineException naming the variable when there is none of that name or the value does not fit its type
     */
    public static ObjectSpec set(ObjectSpec spec, Map<String, String> values) throws EngineException {
        if (values.isEmpty()) return spec;
        Map<String, Place> places = places(spec);
        Map<String, byte[]> data = new LinkedHashMap<>();
        BtfValueParser parser = spec.btf() == null ? null : new BtfValueParser(spec.btf());
        for (Map.Entry<String, String> e : values.entrySet()) {
            Place p = places.get(e.getKey());
            String what = spec.file() + ": --set " + e.getKey();
            if (p == null) {
                throw new ObjectSpecException(what + ": the object has no global variable of that name"
                        + (places.isEmpty() ? " (it has none)" : " (variables: " + String.join(", ", places.keySet())
                        + ")"));
            }
            byte[] value;
            try {
                value = parser.parse(p.typeId(), e.getValue());
            } catch (EngineException ex) {
                throw new ObjectSpecException(what + "=" + e.getValue() + ": " + ex.getMessage());
            }
            if (value.length != p.size()) {
                throw new ObjectSpecException(what + ": the value is " + value.length + " bytes, the variable "
                        + p.size());
            }
            byte[] contents = data.computeIfAbsent(p.map().name(), k -> p.map().initialData().clone());
            System.arraycopy(value, 0, contents, (int) p.offset(), value.length);
        }
        ObjectSpec out = spec;
        for (Map.Entry<String, byte[]> d : data.entrySet()) {
            out = out.withMap(out.map(d.getKey()).orElseThrow().withInitialData(d.getValue()));
        }
        return out;
    }

    private static Map<String, Place> places(ObjectSpec spec) {
        Map<String, Place> out = new LinkedHashMap<>();
        if (spec.btf() == null) return out;
        for (MapSpec m : spec.maps()) {
            if (m.layout() != MapLayout.GLOBAL_DATA || m.btfValueTypeId() == 0 || m.initialData() == null
                    || m.name().equals(ObjectExterns.KCONFIG)) {
                continue;
            }
            if (!(spec.btf().type(m.btfValueTypeId()) instanceof BtfType.Datasec d)) continue;
            List<BtfVarSecinfo> vars = new ArrayList<>(d.vars());
            vars.sort((a, b) -> Long.compare(a.offset(), b.offset()));
            for (BtfVarSecinfo v : vars) {
                if (spec.btf().type(v.type()) instanceof BtfType.Var var && v.offset() + v.size() <= m.valueSize()) {
                    out.putIfAbsent(var.name(), new Place(m, v.offset(), v.size(), var.type()));
                }
            }
        }
        return out;
    }
}
