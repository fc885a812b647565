package io.bpfsh.engine.spec;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.btf.Btf;
import io.bpfsh.engine.btf.BtfExt;
import io.bpfsh.engine.btf.BtfKind;
import io.bpfsh.engine.btf.BtfType;
import io.bpfsh.engine.elf.ElfFile;
import io.bpfsh.engine.externs.ExternSpec;
import io.bpfsh.engine.externs.ObjectExterns;
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
    /** maps of maps and program arrays: their inner map template and initial slots, by map name */
    private final Map<String, MapInit> mapInit = new java.util.LinkedHashMap<>();
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
        ObjectExterns externs = ObjectExterns.read(elf, btf, file);
        List<MapSpec> maps = readMaps();
        if (externs.kconfigSize() > 0) maps.add(kconfigMap(externs));
        List<ProgramSpec> programs = new ProgramLinker(elf, file, mapsBySection, mapOffsets, globalDataSections, ext,
                externs).readPrograms();
        checkProgramSlots(programs);
        byte[] kernelBtf = btf == null ? null : kernelBtf(btf, externs);
        // the fixed-up types are the ones that describe global data (clang leaves DATASEC sizes at 0)
        Btf fixed = kernelBtf == null ? null : Btf.parse(file + ": .BTF", kernelBtf);
        return new ObjectSpec(path, license, version, List.copyOf(maps), List.copyOf(programs),
                fixed, kernelBtf, ext, externs, Map.copyOf(mapInit), notes());
    }

    /** What the reader accepted but the user should know. */
    private List<String> notes() {
        if (elf.machine() == ElfFile.EM_NONE) {
            return List.of(file + ": e_machine is EM_NONE (0), as old LLVM wrote it; its sections are read as eBPF");
        }
        return List.of();
    }

    /** A program array's initial slots must name programs of the object (entry points, not .text functions). */
    private void checkProgramSlots(List<ProgramSpec> programs) throws ObjectSpecException {
        for (Map.Entry<String, MapInit> e : mapInit.entrySet()) {
            if (e.getValue().inner() != null) continue;
            for (MapSlot slot : e.getValue().slots()) {
                if (programs.stream().noneMatch(p -> p.name().equals(slot.target()))) {
                    throw new ObjectSpecException(file + ": section .maps: map '" + e.getKey() + "': slot "
                            + slot.index() + " names '" + slot.target() + "', which is not a program of the object");
                }
            }
        }
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

    /**
     * libbpf's .kconfig map: one read-only array entry holding every .kconfig extern at its offset, typed by the
     * .kconfig DATASEC. Its value depends on the kernel, so the loader fills it in; zeros here.
     */
    private MapSpec kconfigMap(ObjectExterns externs) {
        String name = ObjectExterns.KCONFIG;
        int datasec = btf.findByName(name, BtfKind.DATASEC).map(BtfType::id).orElse(0);
        return new MapSpec(name, MapSpec.keyOf(name), name, MapLayout.GLOBAL_DATA, MapType.ARRAY, 4,
                externs.kconfigSize(), 1, MapAttributes.F_RDONLY_PROG, Pinning.NONE, "", 0, 0, 0, datasec,
                new byte[externs.kconfigSize()], true);
    }

    /**
     * The BTF with DATASEC sizes and VAR offsets taken from the ELF section sizes and symbol values (and the
     * .kconfig map's layout), and extern VARs made acceptable to the kernel.
     */
    private byte[] kernelBtf(Btf btf, ObjectExterns externs) throws EngineException {
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
        if (externs.kconfigSize() > 0) {
            sectionSizes.put(ObjectExterns.KCONFIG, (long) externs.kconfigSize());
            externs.all().stream().filter(e -> e.kind() == ExternSpec.Kind.KCONFIG)
                    .forEach(e -> varOffsets.put(e.name(), (long) e.dataOffset()));
        }
        byte[] placed = btf.withDatasecFixups(sectionSizes, varOffsets);
        return externs.isEmpty() ? placed : Btf.parse(file + ": .BTF", placed).withExternFixups();
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
                mapInit.putAll(legacy.iproute2MapsOfMaps(found, s));
                recordSymbolOffsets(s, found);
            } else if (s.name().equals(".maps")) {
                BtfMapSpecs.Result btfMaps = BtfMapSpecs.read(elf, s, btf, file);
                found = btfMaps.maps();
                mapInit.putAll(btfMaps.init());
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
