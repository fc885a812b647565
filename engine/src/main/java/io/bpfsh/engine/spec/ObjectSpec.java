package io.bpfsh.engine.spec;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.btf.Btf;
import io.bpfsh.engine.btf.BtfExt;
import io.bpfsh.engine.externs.ObjectExterns;
import io.bpfsh.engine.elf.ElfFile;
import io.bpfsh.engine.sys.ProgType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything an eBPF object asks for, read without touching the kernel: maps (from every legacy
 * layout and from BTF), programs with their relocations (those in sections no naming convention knows
 * have type UNSPEC), license and version. {@code kernelVersion} is the raw {@code version} section
 * (0xFFFFFFFE: the running kernel's; 0 when absent). {@code kernelBtf} is the object's {@code .BTF}
 * with the DATASEC sizes and VAR offsets filled in from the ELF sections and symbols, as the kernel
 * needs them (clang leaves them 0 in object files); {@code btf} is those types, parsed (null without
 * a {@code .BTF}). {@code btfExt} is the object's {@code .BTF.ext} (function and line records, CO-RE
 * relocations), null without one. {@code externs} are the {@code .kconfig} and {@code .ksyms} externs the
 * loader fills in from the running kernel. {@code mapInit} says, for maps of maps and program arrays, which
 * inner map template and initial slots they have. {@code notes} are what the reader accepted but a user should
 * know (an EM_NONE object), one line each.
 */
public record ObjectSpec(Path file, String license, int kernelVersion, List<MapSpec> maps,
                         List<ProgramSpec> programs, Btf btf, byte[] kernelBtf,
                         BtfExt btfExt, ObjectExterns externs, Map<String, MapInit> mapInit,
                         List<String> notes) {

    /** The {@code version} value that means "the running kernel's version". */
    public static final int CURRENT_KERNEL_VERSION = 0xFFFFFFFE;

    public static ObjectSpec read(Path file) throws EngineException {
        return from(ElfFile.read(file), file);
    }

    public static ObjectSpec from(ElfFile elf, Path file) throws EngineException {
        return new ObjectSpecReader(elf, file).read();
    }

    /** The same object with one map's spec replaced (by name), e.g. the .kconfig map with the kernel's values. */
    public ObjectSpec withMap(MapSpec replacement) {
        List<MapSpec> changed = maps.stream().map(m -> m.name().equals(replacement.name()) ? replacement : m).toList();
        return new ObjectSpec(file, license, kernelVersion, changed, programs, btf, kernelBtf, btfExt,
                externs, mapInit, notes);
    }

    public Optional<MapSpec> map(String name) {
        return maps.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** A map by its SectionParams key ("maps/NAME"). */
    public Optional<MapSpec> mapByKey(String key) {
        return maps.stream().filter(m -> m.key().equals(key)).findFirst();
    }

    /** The program sections whose names say no program type (the load needs their type from the caller). */
    public List<String> untypedSections() {
        return programs.stream().filter(p -> p.type() == ProgType.UNSPEC).map(ProgramSpec::section)
                .distinct().toList();
    }
}
