package io.bpfsh.engine.spec;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.btf.Btf;
import io.bpfsh.engine.btf.BtfExt;
import io.bpfsh.engine.btf.BtfKind;
import io.bpfsh.engine.btf.BtfMapDefinition;
import io.bpfsh.engine.btf.BtfMapDefinitions;
import io.bpfsh.engine.btf.BtfType;
import io.bpfsh.engine.elf.ElfFile;
import io.bpfsh.engine.elf.ElfSection;
import io.bpfsh.engine.elf.ElfSymbol;
import io.bpfsh.engine.sys.MapAttributes;
import io.bpfsh.engine.sys.MapType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads an {@link ObjectSpec} from a parsed ELF file. Pure: no kernel, no file system. */
final class ObjectSpecReader {
    /** Above every kernel's KMALLOC_MAX_SIZE, the largest array value it accepts. */
    static final long MAX_GLOBAL_DATA = 16L << 20;

    private final ElfFile elf;
    private final Path path;
    private final String file;
    /** map sections by section index: what a relocation's symbol section must be to name a map */
    private final Map<Integer, List<MapSpec>> mapsBySection = new HashMap<>();
    private final Map<String, Long> mapOffsets = new HashMap<>();
    private final Set<Integer> globalDataSections = new HashSet<>();
    private Btf btf;

    ObjectSpecReader(ElfFile elf, Path path) {
        this.elf = elf;
        this.path = path;
        this.file = path.toString();
    }

    ObjectSpec read() throws EngineException {
        String license = license();
        int version = version();
        btf = readBtf();
        BtfExt ext = readBtfExt();
        List<MapSpec> maps = readMaps();
        List<String> skipped = new ArrayList<>();
        List<ProgramSpec> programs = new ProgramLinker(elf, file, mapsBySection, mapOffsets, globalDataSections, ext)
                .readPrograms(skipped);
        byte[] kernelBtf = btf == null ? null : kernelBtf(btf);
        // the fixed-up types are the ones that describe global data (clang leaves DATASEC sizes at 0)
        Btf fixed = kernelBtf == null ? null : Btf.parse(file + ": .BTF", kernelBtf);
        return new ObjectSpec(path, license, version, List.copyOf(maps), List.copyOf(programs), List.copyOf(skipped),
                fixed, kernelBtf, ext);
    }

    /** Function, line and CO-RE records; they name strings and types of .BTF, so they need it. */
    private BtfExt readBtfExt() throws EngineException {
        var s = elf.section(".BTF.ext");
        if (s.isEmpty() || btf == null) return null;
        return BtfExt.parse(file + ": .BTF.ext", bytes(s.get()), btf);
    }

    private Btf readBtf() throws EngineException {
        var s = elf.section(".BTF");
        return s.isEmpty() ? null : Btf.parse(file + ": .BTF", bytes(s.get()));
    }

    /** The BTF with DATASEC sizes and VAR offsets taken from the ELF section sizes and symbol values. */
    private byte[] kernelBtf(Btf btf) throws EngineException {
        Map<String, Long> sectionSizes = new HashMap<>();
        for (ElfSection s : elf.sections()) {
            sectionSizes.putIfAbsent(s.name(), s.size());
        }
        Map<String, Long> varOffsets = new HashMap<>();
        for (ElfSymbol sym : elf.symbols()) {
            if (sym.type() == ElfSymbol.STT_OBJECT && !sym.name().isEmpty()) {
                varOffsets.putIfAbsent(sym.name(), sym.value());
            }
        }
        return btf.withDatasecFixups(sectionSizes, varOffsets);
    }

    private String license() {
        return elf.section("license").map(s -> {
            byte[] b = bytes(s);
            int n = 0;
            while (n < b.length && b[n] != 0) {
                n++;
            }
            return new String(b, 0, n, StandardCharsets.UTF_8);
        }).orElse("");
    }

    private int version() throws ObjectSpecException {
        var s = elf.section("version");
        if (s.isEmpty()) {
            return 0;
        }
        if (s.get().size() != 4 || !s.get().hasFileData()) {
            throw error(s.get(), s.get().size() + " bytes" + (s.get().hasFileData() ? "" : " with no data in the file")
                    + "; the version must be a 4-byte __u32");
        }
        return s.get().data().getInt(0);
    }

    private List<MapSpec> readMaps() throws EngineException {
        LegacyMaps legacy = new LegacyMaps(elf, file);
        List<MapSpec> maps = new ArrayList<>();
        for (ElfSection s : elf.sections()) {
            List<MapSpec> found;
            if (s.name().startsWith("maps/")) {
                found = List.of(legacy.gobpf(s));
                mapOffsets.put(found.get(0).name(), -1L); // any symbol in the section names this map
            } else if (s.name().equals("maps")) {
                found = legacy.shared(s);
                recordSymbolOffsets(s, found);
            } else if (s.name().equals(".maps")) {
                found = btfMaps(s);
                recordSymbolOffsets(s, found);
            } else if (isGlobalData(s)) {
                found = List.of(globalData(s));
                globalDataSections.add(s.index());
            } else {
                continue;
            }
            mapsBySection.put(s.index(), found);
            for (MapSpec m : found) {
                for (MapSpec other : maps) {
                    if (other.name().equals(m.name())) {
                        throw new ObjectSpecException(file + ": map '" + m.name() + "' is defined twice (sections "
                                + other.section() + " and " + m.section() + ")");
                    }
                }
                maps.add(m);
            }
        }
        return maps;
    }

    private void recordSymbolOffsets(ElfSection s, List<MapSpec> found) {
        for (ElfSymbol sym : elf.symbols()) {
            if (sym.sectionIndex() == s.index()) {
                for (MapSpec m : found) {
                    if (m.name().equals(sym.name())) {
                        mapOffsets.put(m.name(), sym.value());
                    }
                }
            }
        }
    }

    /** libbpf's BTF-defined maps: one VAR per map in the .maps DATASEC, described by its BTF struct. */
    private List<MapSpec> btfMaps(ElfSection s) throws EngineException {
        if (btf == null) {
            throw error(s, "BTF-defined maps need the object's .BTF section (compile with clang -g)");
        }
        List<MapSpec> maps = new ArrayList<>();
        for (BtfMapDefinition d : BtfMapDefinitions.read(btf)) {
            MapType type = d.mapType() <= Integer.MAX_VALUE ? MapType.of((int) d.mapType()) : null;
            if (type == null || type == MapType.UNSPEC) {
                throw error(s, "map '" + d.name() + "' has unknown map type " + d.mapType());
            }
            if (type == MapType.ARRAY_OF_MAPS || type == MapType.HASH_OF_MAPS || d.hasValues()) {
                throw error(s, "map '" + d.name() + "': map-in-map and initial values are not supported yet");
            }
            Pinning pinning;
            if (d.pinning() == 0) {
                pinning = Pinning.NONE;
            } else if (d.pinning() == 1) {
                pinning = Pinning.BY_NAME;
            } else {
                throw error(s, "map '" + d.name() + "': invalid pinning value " + d.pinning()
                        + " (LIBBPF_PIN_NONE 0 or LIBBPF_PIN_BY_NAME 1)");
            }
            maps.add(new MapSpec(d.name(), MapSpec.keyOf(d.name()), s.name(), MapLayout.BTF, type, (int) d.keySize(),
                    (int) d.valueSize(), (int) d.maxEntries(), (int) d.mapFlags(), pinning, "", (int) d.numaNode(),
                    d.mapExtra(), d.keyTypeId(), d.valueTypeId(), null, false));
        }
        return maps;
    }

    private static boolean isGlobalData(ElfSection s) {
        String n = s.name();
        boolean named = n.equals(".data") || n.equals(".bss") || n.equals(".rodata") || n.startsWith(".rodata.")
                || n.startsWith(".data.");
        return named && s.size() > 0 && (s.flags() & ElfSection.SHF_ALLOC) != 0;
    }

    /** libbpf's global data: a one-entry array whose value is the section; .rodata is read-only for programs. */
    private MapSpec globalData(ElfSection s) throws ObjectSpecException {
        if (s.size() > MAX_GLOBAL_DATA) {
            // NOBITS (.bss) sizes are not bounded by the file; no kernel takes a value this large anyway
            throw error(s, "global data of " + s.size() + " bytes; a map value holds at most " + MAX_GLOBAL_DATA);
        }
        boolean rodata = s.name().startsWith(".rodata");
        byte[] init = s.type() == ElfSection.SHT_NOBITS ? new byte[(int) s.size()] : bytes(s);
        // typed by the section's DATASEC, as libbpf does, so bpftool and bpfsh show the variables
        int datasec = btf == null ? 0 : btf.findByName(s.name(), BtfKind.DATASEC).map(BtfType::id).orElse(0);
        return new MapSpec(s.name(), MapSpec.keyOf(s.name()), s.name(), MapLayout.GLOBAL_DATA, MapType.ARRAY, 4,
                (int) s.size(), 1, rodata ? MapAttributes.F_RDONLY_PROG : 0, Pinning.NONE, "", 0, 0, 0, datasec, init,
                rodata);
    }

    static byte[] bytes(ElfSection s) {
        ByteBuffer b = s.data();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private ObjectSpecException error(ElfSection s, String problem) {
        return ObjectSpecException.inSection(file, s, problem);
    }
}
