package io.bpfsh.engine.spec;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.btf.Btf;
import io.bpfsh.engine.btf.BtfMapDefinition;
import io.bpfsh.engine.btf.BtfMapDefinitions;
import io.bpfsh.engine.btf.BtfMember;
import io.bpfsh.engine.btf.BtfType;
import io.bpfsh.engine.elf.ElfFile;
import io.bpfsh.engine.elf.ElfSection;
import io.bpfsh.engine.elf.ElfSymbol;
import io.bpfsh.engine.sys.MapType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * libbpf's BTF-defined maps ({@code .maps}): one VAR per map described by its struct, including maps of maps with
 * an inner map definition ({@code __array(values, struct inner)}) and program arrays ({@code __array(values, int
 * (void *))}), with their initial slots. As in libbpf, maps that hold maps or programs get no BTF types (the kernel
 * refuses them) and a 4-byte value.
 */
final class BtfMapSpecs {
    /** The maps in section order, and what maps of maps and program arrays start with, by map name. */
    record Result(List<MapSpec> maps, Map<String, MapInit> init) {
    }

    private BtfMapSpecs() {
    }

    static Result read(ElfFile elf, ElfSection s, Btf btf, String file) throws EngineException {
        if (btf == null) {
            throw error(file, s, "BTF-defined maps need the object's .BTF section (compile with clang -g)");
        }
        List<MapSpec> maps = new ArrayList<>();
        Map<String, MapSpec> inners = new HashMap<>();
        Map<String, BtfMapSlots.Layout> layouts = new LinkedHashMap<>();
        for (BtfMapDefinition d : BtfMapDefinitions.read(btf)) {
            MapType type = typeOf(file, s, d.name(), d.mapType());
            boolean holdsMaps = type == MapType.ARRAY_OF_MAPS || type == MapType.HASH_OF_MAPS;
            boolean holdsPrograms = type == MapType.PROG_ARRAY;
            if (d.hasValues() && !holdsMaps && !holdsPrograms) {
                throw error(file, s, "map '" + d.name() + "': initial values are only supported for maps of maps "
                        + "and program arrays");
            }
            if (holdsMaps && !d.hasValues()) {
                throw error(file, s, "map '" + d.name() + "' is a map of maps without an inner map definition "
                        + "(__array(values, struct inner))");
            }
            if (holdsMaps) {
                BtfMapDefinition inner = BtfMapDefinitions.readOne(btf, d.name() + ".inner", d.valuesTypeId());
                MapType innerType = typeOf(file, s, inner.name(), inner.mapType());
                if (innerType == MapType.ARRAY_OF_MAPS || innerType == MapType.HASH_OF_MAPS) {
                    throw error(file, s, "map '" + d.name() + "': its inner maps hold maps themselves, which libbpf "
                            + "does not support either");
                }
                inners.put(d.name(), spec(s, inner, innerType, Pinning.NONE, false));
            }
            boolean holder = holdsMaps || holdsPrograms;
            MapSpec m = spec(s, d, type, pinning(file, s, d), holder);
            maps.add(m);
            if (d.hasValues()) layouts.put(d.name(), layout(elf, s, btf, file, d));
        }
        Map<String, List<MapSlot>> slots = BtfMapSlots.read(elf, s, layouts, file);
        Map<String, MapInit> init = new LinkedHashMap<>();
        for (MapSpec m : maps) {
            if (!layouts.containsKey(m.name())) continue;
            List<MapSlot> mine = slots.getOrDefault(m.name(), List.of());
            for (MapSlot slot : mine) {
                if (slot.index() >= m.maxEntries() && m.type() != MapType.HASH_OF_MAPS) {
                    throw error(file, s, "map '" + m.name() + "': slot " + slot.index() + " is past its "
                            + m.maxEntries() + " entries");
                }
                if (inners.containsKey(m.name()) && maps.stream().noneMatch(x -> x.name().equals(slot.target())
                        && !inners.containsKey(x.name()))) {
                    throw error(file, s, "map '" + m.name() + "': slot " + slot.index() + " names '" + slot.target()
                            + "', which is not a map of the object that can be an inner map");
                }
            }
            if (m.type() == MapType.HASH_OF_MAPS && !mine.isEmpty() && m.keySize() != 4) {
                throw error(file, s, "map '" + m.name() + "': a hash of maps with initial values needs 4-byte keys "
                        + "(the slot index is the key), not " + m.keySize());
            }
            init.put(m.name(), new MapInit(inners.get(m.name()), List.copyOf(mine)));
        }
        return new Result(maps, init);
    }

    private static MapSpec spec(ElfSection s, BtfMapDefinition d, MapType type, Pinning pinning, boolean holder) {
        // the kernel refuses BTF types on maps that hold maps or programs; their values are 4-byte FDs
        return new MapSpec(d.name(), MapSpec.keyOf(d.name()), s.name(), MapLayout.BTF, type, (int) d.keySize(),
                holder ? 4 : (int) d.valueSize(), (int) d.maxEntries(), (int) d.mapFlags(), pinning, "",
                (int) d.numaNode(), d.mapExtra(), holder ? 0 : d.keyTypeId(), holder ? 0 : d.valueTypeId(), null,
                false);
    }

    private static MapType typeOf(String file, ElfSection s, String name, long code) throws ObjectSpecException {
        MapType type = code <= Integer.MAX_VALUE ? MapType.of((int) code) : null;
        if (type == null || type == MapType.UNSPEC) {
            throw error(file, s, "map '" + name + "' has unknown map type " + code);
        }
        return type;
    }

    private static Pinning pinning(String file, ElfSection s, BtfMapDefinition d) throws ObjectSpecException {
        if (d.pinning() == 0) return Pinning.NONE;
        if (d.pinning() == 1) return Pinning.BY_NAME;
        throw error(file, s, "map '" + d.name() + "': invalid pinning value " + d.pinning()
                + " (LIBBPF_PIN_NONE 0 or LIBBPF_PIN_BY_NAME 1)");
    }

    /** Where the map's variable lies in .maps (its symbol), and its {@code values} member (the last) within it. */
    private static BtfMapSlots.Layout layout(ElfFile elf, ElfSection s, Btf btf, String file, BtfMapDefinition d)
            throws EngineException {
        ElfSymbol sym = elf.symbols().stream().filter(x -> x.sectionIndex() == s.index() && x.name().equals(d.name()))
                .findFirst().orElseThrow(() -> error(file, s, "map '" + d.name() + "' has no symbol in .maps"));
        BtfType.Var var = (BtfType.Var) btf.findByName(d.name(), io.bpfsh.engine.btf.BtfKind.VAR).orElseThrow();
        BtfType.Composite def = (BtfType.Composite) btf.type(btf.resolve(var.type()));
        BtfMember last = def.members().get(def.members().size() - 1);
        if (!last.name().equals("values")) {
            throw error(file, s, "map '" + d.name() + "': 'values' must be its last member, as libbpf requires");
        }
        // the symbol's size, not the struct's: the initialised values follow the struct (values[] has no size)
        return new BtfMapSlots.Layout(sym.value(), Math.max(sym.size(), btf.sizeOf(var.type())),
                last.bitOffset() / 8);
    }

    private static ObjectSpecException error(String file, ElfSection s, String problem) {
        return ObjectSpecException.inSection(file, s, problem);
    }
}
