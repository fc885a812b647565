package io.bpfsh.engine.load;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.core.CoreRelocations;
import io.bpfsh.engine.elf.ElfFile;
import io.bpfsh.engine.fs.Bpffs;
import io.bpfsh.engine.spec.MapSpec;
import io.bpfsh.engine.spec.ObjectSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An eBPF object file and, once loaded, its maps and programs: gobpf's {@code NewModule} /
 * {@code Load(secParams)} / {@code CloseExt(options)} in Java. Loading is all-or-nothing; closing
 * never unpins unless {@link CloseOptions} ask for it.
 *
 * <pre>{@code
 * try (Module m = Module.open(Path.of("samples/gobpf_custom.o"))) {
 *     m.load(Map.of("maps/dummy_array_custom", SectionParams.pinPath("ns1/test1")));
 *     BpfMap map = m.map("dummy_array_custom").orElseThrow().map();
 *     ...
 *     m.close(Map.of("maps/dummy_array_custom", CloseOptions.unpinning("ns1/test1")));
 * }
 * }</pre>
 */
public final class Module implements AutoCloseable {
    private final Path file;
    private final Bpffs bpffs;
    private final ObjectSpec spec;
    private final String objectId;
    private List<LoadedMap> maps = List.of();
    private List<LoadedProgram> programs = List.of();
    private List<Path> createdDirectories = List.of();
    private MapUnpinner unpinner;
    private boolean loaded;
    private boolean closed;

    private Module(Path file, Bpffs bpffs, ObjectSpec spec, String objectId) {
        this.file = file;
        this.bpffs = bpffs;
        this.spec = spec;
        this.objectId = objectId;
    }

    /** Reads and checks the object; touches no kernel object yet. Pins go under /sys/fs/bpf. */
    public static Module open(Path file) throws EngineException {
        return open(file, Bpffs.atDefaultRoot());
    }

    public static Module open(Path file, Bpffs bpffs) throws EngineException {
        ElfFile elf = ElfFile.read(file);
        return new Module(file, bpffs, ObjectSpec.from(elf, file), ObjectId.of(elf.bytes()));
    }

    public Path file() {
        return file;
    }

    public Bpffs bpffs() {
        return bpffs;
    }

    /** What the object asks for (pure; what {@code load --dry-run} shows). */
    public ObjectSpec spec() {
        return spec;
    }

    /** The hex SHA-1 of the ELF file: the directory PIN_OBJECT_NS maps pin under. */
    public String objectId() {
        return objectId;
    }

    public boolean isLoaded() {
        return loaded;
    }

    public List<LoadedMap> maps() {
        return maps;
    }

    public Optional<LoadedMap> map(String name) {
        return maps.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    public List<LoadedProgram> programs() {
        return programs;
    }

    /** A program by section name, or by function name when a section holds several programs. */
    public Optional<LoadedProgram> program(String section) {
        List<LoadedProgram> inSection = programs.stream().filter(p -> p.section().equals(section)).toList();
        if (inSection.size() == 1) {
            return Optional.of(inSection.get(0));
        }
        return programs.stream().filter(p -> p.name().equals(section)).findFirst();
    }

    public LoadReport load(Map<String, SectionParams> params) throws EngineException {
        return load(params, LoadOptions.defaults());
    }

    /**
     * Creates or reuses every map, pins them as their pinning option says, and loads every program with
     * its relocations applied. If anything fails, every FD this load opened is closed, every pin and
     * directory it created is removed, and pins that existed before are left untouched.
     *
     * @param params per-map parameters keyed by {@code "maps/<name>"}; unknown keys are an error
     */
    public LoadReport load(Map<String, SectionParams> params, LoadOptions options) throws EngineException {
        if (closed) {
            throw new EngineException(file + ": module is closed");
        }
        if (loaded) {
            throw new EngineException(file + ": already loaded");
        }
        Map<String, SectionParams> p = params == null ? Map.of() : params;
        checkKeys(p.keySet(), "SectionParams");
        LoadSequence.Loaded done = sequence().load(p, options);
        maps = done.maps();
        programs = done.programs();
        createdDirectories = done.createdDirectories();
        unpinner = done.unpinner();
        loaded = true;
        return done.report();
    }

    /**
     * What {@link #load} would do to bpffs, map by map (create, reuse, or meet an incompatible pin),
     * without doing it: pinned maps are only opened read-only and closed again. Bad parameters fail as
     * they would fail the load. {@code load} executes this same plan.
     */
    public LoadPlan plan(Map<String, SectionParams> params, LoadOptions options) throws EngineException {
        Map<String, SectionParams> p = params == null ? Map.of() : params;
        checkKeys(p.keySet(), "SectionParams");
        return sequence().plan(p, options);
    }

    private LoadSequence sequence() {
        return new LoadSequence(file, bpffs, spec, objectId);
    }

    /**
     * The object's CO-RE relocations resolved against the running kernel's BTF (what {@code load --dry-run}
     * lists); none when the object has none. Reads /sys/kernel/btf, no bpf(2).
     *
     * @throws EngineException if a relocation is malformed or ambiguous, or the kernel has no BTF
     */
    public CoreRelocations coreRelocations() throws EngineException {
        return sequence().coreRelocations();
    }

    /**
     * gobpf's CloseExt: unpins the maps whose options ask for it, then closes every FD. Options are
     * checked first (unknown map, PIN_NONE map, missing or wrong PIN_CUSTOM_NS path): a bad option
     * changes nothing and leaves the module open.
     */
    public CloseReport close(Map<String, CloseOptions> options) throws EngineException {
        if (closed) {
            return new CloseReport(List.of(), List.of());
        }
        Map<String, CloseOptions> o = options == null ? Map.of() : options;
        checkKeys(o.keySet(), "CloseOptions");
        MapUnpinner.Outcome outcome = unpinner == null ? MapUnpinner.Outcome.NOTHING
                : unpinner.unpin(unpinner.paths(maps, o));
        if (!outcome.unpinned().isEmpty()) {
            bpffs.removeEmptyDirectories(createdDirectories);
        }
        close();
        if (outcome.failure() != null) {
            // some pins may be gone already: say all that happened, in one line
            throw new EngineException(file + ": " + outcome.failure() + "; the module is closed"
                    + (outcome.unpinned().isEmpty() ? "" : "; unpinned: " + String.join(", ", outcome.unpinned())));
        }
        List<String> notes = new ArrayList<>(outcome.notes());
        if (unpinner != null) {
            notes.addAll(unpinner.keptReused(maps, o));
        }
        return new CloseReport(outcome.unpinned(), List.copyOf(notes));
    }

    private void checkKeys(Iterable<String> keys, String what) throws EngineException {
        for (String k : keys) {
            if (spec.mapByKey(k).isEmpty()) {
                throw new EngineException(file + ": " + what + " for '" + k + "': the object has no such map (its maps: "
                        + String.join(", ", spec.maps().stream().map(MapSpec::key).toList()) + ")");
            }
        }
    }

    /** Closes every FD of the module; never unpins. Closing twice is harmless. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (LoadedProgram p : programs) {
            p.program().close();
        }
        for (LoadedMap m : maps) {
            m.map().close();
        }
    }

    public boolean isClosed() {
        return closed;
    }
}
