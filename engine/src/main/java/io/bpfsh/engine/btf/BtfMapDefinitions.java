package io.bpfsh.engine.btf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads BTF-defined maps. Each is a VAR in the {@code .maps} DATASEC whose type is a struct that carries its
 * attributes in member types, not values: {@code __uint(name, n)} declares {@code int (*name)[n]} (a pointer to an
 * array of n elements), and {@code __type(name, T)} declares {@code T *name}.
 */
public final class BtfMapDefinitions {
    /** The section holding BTF-defined maps. */
    public static final String MAPS_SECTION = ".maps";
    private static final List<String> MEMBERS = List.of("type", "key", "value", "max_entries", "map_flags", "pinning",
            "numa_node", "map_extra", "key_size", "value_size", "values");

    private BtfMapDefinitions() {
    }

    /** Definitions of the maps in {@code .maps}, in section order; empty when there is no such section. */
    public static List<BtfMapDefinition> read(Btf btf) throws BtfFormatException {
        Optional<BtfType> section = btf.findByName(MAPS_SECTION, BtfKind.DATASEC);
        if (section.isEmpty()) return List.of();
        List<BtfMapDefinition> maps = new ArrayList<>();
        for (BtfVarSecinfo entry : ((BtfType.Datasec) section.get()).vars()) {
            BtfType var = btf.type(entry.type());
            if (!(var instanceof BtfType.Var v)) {
                throw new BtfFormatException(btf.origin(), MAPS_SECTION + " holds " + BtfTypeGraph.describe(var)
                        + ", expected a map variable");
            }
            maps.add(readOne(btf, v.name(), v.type()));
        }
        return List.copyOf(maps);
    }

    /**
     * The definition held by a struct type, e.g. the inner map prototype that {@link BtfMapDefinition#valuesTypeId()}
     * names for a map-in-map.
     */
    public static BtfMapDefinition readOne(Btf btf, String mapName, int structTypeId) throws BtfFormatException {
        BtfType t = btf.type(btf.resolve(structTypeId));
        if (!(t instanceof BtfType.Composite c) || c.kind() != BtfKind.STRUCT) {
            throw fail(btf, mapName, "definition is " + BtfTypeGraph.describe(t) + ", expected a struct");
        }
        Map<String, Long> numbers = new HashMap<>();
        Map<String, Integer> typeIds = new HashMap<>();
        for (BtfMember m : c.members()) {
            if (numbers.containsKey(m.name()) || typeIds.containsKey(m.name())) {
                throw fail(btf, mapName, "member '" + m.name() + "' appears twice");
            }
            switch (m.name()) {
                case "key": case "value": typeIds.put(m.name(), pointee(btf, mapName, m)); break;
                case "values": typeIds.put(m.name(), valuesPointee(btf, mapName, m)); break;
                default:
                    if (!MEMBERS.contains(m.name())) {
                        throw fail(btf, mapName, "unknown member '" + m.name() + "' (known: "
                                + String.join(", ", MEMBERS) + ")");
                    }
                    numbers.put(m.name(), number(btf, mapName, m));
            }
        }
        if (!numbers.containsKey("type")) throw fail(btf, mapName, "definition has no 'type' member");
        int keyType = typeIds.getOrDefault("key", 0);
        int valueType = typeIds.getOrDefault("value", 0);
        return new BtfMapDefinition(mapName, numbers.get("type"),
                keyType, size(btf, mapName, "key", keyType, numbers.get("key_size")),
                valueType, size(btf, mapName, "value", valueType, numbers.get("value_size")),
                numbers.getOrDefault("max_entries", 0L), numbers.getOrDefault("map_flags", 0L),
                numbers.getOrDefault("pinning", 0L), numbers.getOrDefault("numa_node", 0L),
                numbers.getOrDefault("map_extra", 0L), typeIds.getOrDefault("values", 0));
    }

    /** Size from the declared type, cross-checked with an explicit {@code key_size}/{@code value_size}. */
    private static long size(Btf btf, String mapName, String what, int typeId, Long explicit)
            throws BtfFormatException {
        if (typeId == 0) return explicit == null ? 0 : explicit;
        long size = btf.sizeOf(typeId);
        if (explicit != null && explicit != size) {
            throw fail(btf, mapName, what + " type " + btf.typeName(typeId) + " is " + size + " bytes but " + what
                    + "_size says " + explicit);
        }
        return size;
    }

    /** {@code int (*name)[n]}: n. */
    private static long number(Btf btf, String mapName, BtfMember m) throws BtfFormatException {
        BtfType ptr = btf.type(btf.resolve(m.type()));
        BtfType array = ptr.kind() == BtfKind.PTR ? btf.type(btf.resolve(((BtfType.Ref) ptr).type())) : null;
        if (!(array instanceof BtfType.Array a)) {
            throw fail(btf, mapName, "member '" + m.name() + "' is " + btf.typeName(m.type())
                    + ", expected a pointer to an array as declared by __uint(" + m.name() + ", n)");
        }
        return a.nelems();
    }

    /** {@code T *name}: T, kept unresolved so that typedef names such as {@code __u32} stay visible. */
    private static int pointee(Btf btf, String mapName, BtfMember m) throws BtfFormatException {
        BtfType ptr = btf.type(btf.resolve(m.type()));
        if (ptr.kind() != BtfKind.PTR || ((BtfType.Ref) ptr).type() == 0) {
            throw fail(btf, mapName, "member '" + m.name() + "' is " + btf.typeName(m.type())
                    + ", expected a pointer to a type as declared by __type(" + m.name() + ", T)");
        }
        return ((BtfType.Ref) ptr).type();
    }

    /** {@code T *values[]}: T. */
    private static int valuesPointee(Btf btf, String mapName, BtfMember m) throws BtfFormatException {
        BtfType array = btf.type(btf.resolve(m.type()));
        BtfType ptr = array instanceof BtfType.Array a ? btf.type(btf.resolve(a.elemType())) : null;
        if (ptr == null || ptr.kind() != BtfKind.PTR || ((BtfType.Ref) ptr).type() == 0) {
            throw fail(btf, mapName, "member 'values' is " + btf.typeName(m.type())
                    + ", expected an array of pointers as declared by __array(values, T)");
        }
        return ((BtfType.Ref) ptr).type();
    }

    private static BtfFormatException fail(Btf btf, String mapName, String detail) {
        return new BtfFormatException(btf.origin(), "map " + mapName + ": " + detail);
    }
}
