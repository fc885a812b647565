package io.bpfsh.engine.spec;

import io.bpfsh.engine.elf.ElfFile;
import io.bpfsh.engine.elf.ElfSection;
import io.bpfsh.engine.elf.ElfSymbol;
import io.bpfsh.engine.sys.MapType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Map definitions in the three legacy layouts: gobpf's {@code maps/<name>} sections (280 bytes each),
 * and a {@code maps} section of iproute2 (36-byte) or libbpf (20-byte) entries named by symbols.
 */
final class LegacyMaps {
    static final int GOBPF_DEF_SIZE = 280;
    static final int IPROUTE2_DEF_SIZE = 36;
    static final int LIBBPF_DEF_SIZE = 20;
    private static final int NAMESPACE_SIZE = 256;
    /** iproute2 pins PIN_GLOBAL_NS and PIN_OBJECT_NS maps under tc's own directory. */
    static final String IPROUTE2_NAMESPACE = "tc";

    private final ElfFile elf;
    private final String file;
    /** iproute2's {id, inner_id, inner_idx} of each map read from a shared "maps" section, by name */
    private final java.util.Map<String, int[]> iproute2Ids = new java.util.LinkedHashMap<>();

    LegacyMaps(ElfFile elf, String file) {
        this.elf = elf;
        this.file = file;
    }

    /** One map per {@code maps/<name>} section; the name is the section suffix. */
    MapSpec gobpf(ElfSection s) throws ObjectSpecException {
        String name = s.name().substring("maps/".length());
        if (name.isEmpty()) {
            throw error(s, "map section has no name after 'maps/'");
        }
        if (!s.hasFileData()) {
            throw error(s, "map section holds no data in the file (SHT_NOBITS)");
        }
        if (s.size() != GOBPF_DEF_SIZE) {
            throw error(s, s.size() + " bytes; a gobpf map definition (struct bpf_map_def with pinning and namespace) is "
                    + GOBPF_DEF_SIZE + " bytes, one map per maps/<name> section");
        }
        ByteBuffer b = s.data();
        int pinningValue = b.getInt(20);
        if (Integer.compareUnsigned(pinningValue, 3) > 0) {
            // gobpf would leave such a map unpinned without a word; say so instead
            throw error(s, "map '" + name + "' has pinning value " + Integer.toUnsignedString(pinningValue)
                    + "; gobpf's are PIN_NONE 0, PIN_OBJECT_NS 1, PIN_GLOBAL_NS 2, PIN_CUSTOM_NS 3");
        }
        byte[] ns = new byte[NAMESPACE_SIZE];
        b.get(24, ns);
        int len = 0;
        while (len < ns.length && ns[len] != 0) {
            len++;
        }
        String namespace = new String(ns, 0, len, StandardCharsets.UTF_8);
        return spec(s, name, MapLayout.GOBPF, b.getInt(0), b.getInt(4), b.getInt(8), b.getInt(12), b.getInt(16),
                Pinning.ofLegacy(Integer.toUnsignedLong(pinningValue)), namespace);
    }

    /**
     * The entries of a {@code maps} section. The entry size is the section size divided by the number
     * of map symbols in it: 36 is iproute2's bpf_elf_map, 20 libbpf's legacy bpf_map_def.
     */
    List<MapSpec> shared(ElfSection s) throws ObjectSpecException {
        List<ElfSymbol> symbols = new ArrayList<>();
        for (ElfSymbol sym : elf.symbols()) {
            if (sym.sectionIndex() == s.index() && sym.type() != ElfSymbol.STT_SECTION
                    && sym.type() != ElfSymbol.STT_FILE && !sym.name().isEmpty()) {
                symbols.add(sym);
            }
        }
        if (symbols.isEmpty()) {
            if (s.size() == 0) {
                return List.of();
            }
            throw error(s, "no symbols name the " + s.size() + " bytes of map definitions");
        }
        if (!s.hasFileData()) {
            throw error(s, "map section holds no data in the file (SHT_NOBITS)");
        }
        if (s.size() % symbols.size() != 0) {
            throw error(s, s.size() + " bytes do not divide into " + symbols.size() + " map definitions");
        }
        long entry = s.size() / symbols.size();
        MapLayout layout;
        if (entry == IPROUTE2_DEF_SIZE) {
            layout = MapLayout.IPROUTE2;
        } else if (entry == LIBBPF_DEF_SIZE) {
            layout = MapLayout.LIBBPF_LEGACY;
        } else {
            throw error(s, s.size() + " bytes for " + symbols.size() + " map symbols gives " + entry
                    + "-byte entries; expected " + IPROUTE2_DEF_SIZE + " (iproute2 struct bpf_elf_map) or "
                    + LIBBPF_DEF_SIZE + " (libbpf struct bpf_map_def)");
        }
        ByteBuffer b = s.data();
        List<MapSpec> maps = new ArrayList<>();
        java.util.Map<Long, String> byOffset = new java.util.HashMap<>();
        for (ElfSymbol sym : symbols) {
            // st_value is a u64: one of 2^63 or more is negative here, and a multiple of the entry size
            if (sym.value() < 0 || sym.value() % entry != 0 || sym.value() + entry > s.size()) {
                throw error(s, "map symbol '" + sym.name() + "' at offset " + Long.toUnsignedString(sym.value())
                        + " is not the start of a " + entry + "-byte entry");
            }
            String other = byOffset.putIfAbsent(sym.value(), sym.name());
            if (other != null) {
                throw error(s, "map symbols '" + other + "' and '" + sym.name() + "' name the same entry at offset "
                        + sym.value());
            }
            int o = (int) sym.value();
            if (layout == MapLayout.IPROUTE2) {
                // type, size_key, size_value, max_elem, flags, id, pinning, inner_id, inner_idx
                Pinning pinning = Pinning.ofLegacy(Integer.toUnsignedLong(b.getInt(o + 24)));
                String ns = pinning == Pinning.GLOBAL_NS || pinning == Pinning.OBJECT_NS ? IPROUTE2_NAMESPACE : "";
                maps.add(spec(s, sym.name(), layout, b.getInt(o), b.getInt(o + 4), b.getInt(o + 8),
                        b.getInt(o + 12), b.getInt(o + 16), pinning, ns));
                iproute2Ids.put(sym.name(), new int[] {b.getInt(o + 20), b.getInt(o + 28), b.getInt(o + 32)});
            } else {
                maps.add(spec(s, sym.name(), layout, b.getInt(o), b.getInt(o + 4), b.getInt(o + 8),
                        b.getInt(o + 12), b.getInt(o + 16), Pinning.NONE, ""));
            }
        }
        return maps;
    }

    /**
     * iproute2's maps of maps among the maps {@link #shared} read: an outer map's inner_id names the map (by id) its
     * inner maps look like, and a map with an id, no inner_id and an inner_idx other than -1 is stored at key
     * inner_idx of every outer map whose inner_id is its id (lib/bpf_legacy.c's bpf_maps_attach_all).
     */
    java.util.Map<String, MapInit> iproute2MapsOfMaps(List<MapSpec> maps, ElfSection s) throws ObjectSpecException {
        java.util.Map<String, MapInit> out = new java.util.LinkedHashMap<>();
        for (MapSpec outer : maps) {
            int[] ids = iproute2Ids.get(outer.name());
            if (ids == null || (outer.type() != MapType.ARRAY_OF_MAPS && outer.type() != MapType.HASH_OF_MAPS)) continue;
            MapSpec template = null;
            List<MapSlot> slots = new ArrayList<>();
            for (MapSpec m : maps) {
                int[] mine = iproute2Ids.get(m.name());
                if (mine == null || m == outer || mine[0] == 0 || mine[0] != ids[1]) continue;
                if (template == null) {
                    template = new MapSpec(outer.name() + ".inner", MapSpec.keyOf(outer.name() + ".inner"), s.name(),
                            MapLayout.IPROUTE2, m.type(), m.keySize(), m.valueSize(), m.maxEntries(), m.flags(),
                            Pinning.NONE, "", 0, 0, 0, 0, null, false);
                }
                if (mine[1] == 0 && mine[2] != -1) slots.add(new MapSlot(mine[2], m.name()));
            }
            if (template == null) {
                throw error(s, "map '" + outer.name() + "' has inner_id " + Integer.toUnsignedString(ids[1])
                        + ", but no map of the object has that id");
            }
            out.put(outer.name(), new MapInit(template, List.copyOf(slots)));
        }
        return out;
    }

    private MapSpec spec(ElfSection s, String name, MapLayout layout, int type, int keySize, int valueSize,
                         int maxEntries, int flags, Pinning pinning, String namespace) throws ObjectSpecException {
        MapType t = MapType.of(type);
        if (t == null || t == MapType.UNSPEC) {
            throw error(s, "map '" + name + "' has unknown map type " + Integer.toUnsignedString(type));
        }
        if ((t == MapType.ARRAY_OF_MAPS || t == MapType.HASH_OF_MAPS) && layout != MapLayout.IPROUTE2) {
            throw error(s, "map '" + name + "' is a " + t.displayName() + ", which only iproute2's layout (inner_id) "
                    + "and .maps can define");
        }
        return new MapSpec(name, MapSpec.keyOf(name), s.name(), layout, t, keySize, valueSize, maxEntries, flags,
                pinning, namespace, 0, 0, 0, 0, null, false);
    }

    private ObjectSpecException error(ElfSection s, String problem) {
        return new ObjectSpecException(file + ": section " + s.name() + ": " + problem);
    }
}
