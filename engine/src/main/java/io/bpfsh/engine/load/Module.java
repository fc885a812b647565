package io.bpfsh.engine.load;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.core.CoreRelocations;
import io.bpfsh.engine.core.CoreTargets;
import io.bpfsh.engine.spec.GlobalVariables;
import io.bpfsh.engine.elf.ElfFile;
import io.bpfsh.engine.fs.Bpffs;
import io.bpfsh.engine.spec.MapSpec;
import io.bpfsh.engine.spec.ObjectSpec;
import io.bpfsh.engine.sys.BpfBtf;
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
        PinLocations where = locations(options);
        Map<String, SectionParams> p = params == null ? Map.of() : params;
        checkKeys(p.keySet(), "SectionParams");
        KernelExterns externs = KernelExterns.resolve(spec); // the kernel's values, before any kernel object
        ObjectSpec toLoad = GlobalVariables.set(externs.spec(), options.variables());
        LoadPlan plan = plan(toLoad, p, options, where);
        Optional<MapIncompatibleException> refused = plan.refusal();
        if (refused.isPresent()) {
            throw refused.get(); // before anything is created
        }
        List<ProgramPlan> programPlans = ProgramPlan.of(toLoad, options);
        if (plan.maps().stream().anyMatch(m -> m.pin() != null) || options.programPinDir() != null) {
            bpffs.requireMounted();
        }
        CoreRelocations core = coreRelocations(); // before any kernel object: one that cannot apply changes nothing

        LoadTransaction tx = new LoadTransaction(bpffs);
        List<LoadEvent> events = new ArrayList<>();
        // the kernel keeps the BTF alive through the maps that use it; our FD is only needed while creating them
        try (BpfBtf btf = ObjectBtfLoader.load(toLoad, events)) {
            MapLoader mapLoader = new MapLoader(file.toString(), bpffs, toLoad.btf(), btf, options.onIncompatible(), tx,
                    events, toLoad.mapInit(), options.maxMapMemory());
            List<LoadedMap> loadedMaps = new ArrayList<>();
            for (PlannedMap m : plan.maps()) {
                loadedMaps.add(mapLoader.load(m));
            }
            MapSlotFiller.fillMaps(toLoad, loadedMaps);
            ProgramLoadContext linkedTo = new ProgramLoadContext(toLoad, loadedMaps, btf, core, externs.addresses(),
                    externs.kfuncs());
            List<LoadedProgram> loadedPrograms = ProgramLoader.loadAll(linkedTo, programPlans, options, bpffs, tx,
                    events);
            MapSlotFiller.fillPrograms(toLoad, loadedMaps, loadedPrograms);
            tx.commit(); // replacements are renamed over their old pins only now; after it no step can fail
            spec.notes().forEach(note -> events.add(new LoadEvent(LoadEvent.Kind.NOTE, note, null, null)));
            maps = List.copyOf(loadedMaps);
            programs = List.copyOf(loadedPrograms);
            createdDirectories = tx.createdDirectories();
            unpinner = new MapUnpinner(file.toString(), bpffs, where);
            loaded = true;
            return new LoadReport(events);
        } catch (InFlightLoads.LoadInterruptedException e) {
            tx.rollback();
            throw new EngineException(file + ": " + e.getMessage());
        } catch (EngineException | RuntimeException e) {
            tx.rollback();
            throw e;
        }
    }

    /**
     * What {@link #load} would do to bpffs, map by map (create, reuse, or meet an incompatible pin),
     * without doing it: pinned maps are only opened read-only and closed again. Bad parameters fail as
     * they would fail the load. {@code load} executes this same plan.
     */
    public LoadPlan plan(Map<String, SectionParams> params, LoadOptions options) throws EngineException {
        Map<String, SectionParams> p = params == null ? Map.of() : params;
        checkKeys(p.keySet(), "SectionParams");
        ObjectSpec toLoad = GlobalVariables.set(KernelExterns.resolve(spec).spec(), options.variables());
        return plan(toLoad, p, options, locations(options));
    }

    /** @param toLoad the spec as the load creates it (externs resolved, global variables set) */
    private LoadPlan plan(ObjectSpec toLoad, Map<String, SectionParams> p, LoadOptions options, PinLocations where)
            throws EngineException {
        return LoadPlan.of(file.toString(), MapPlan.of(toLoad, p, where), toLoad.btf(), bpffs, options.onIncompatible());
    }

    private PinLocations locations(LoadOptions options) {
        return new PinLocations(bpffs, file.toString(), objectId, options.pinRoot());
    }

    /**
     * The object's CO-RE relocations resolved against the running kernel's BTF (what {@code load --dry-run}
     * lists); none when the object has none. Reads /sys/kernel/btf, no bpf(2).
     *
     * @throws EngineException if a relocation is malformed or ambiguous, or the kernel has no BTF
     */
    public CoreRelocations coreRelocations() throws EngineException {
        return CoreRelocations.resolve(spec, CoreTargets::kernel);
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
        List<String> notes = new java.util.ArrayList<>(outcome.notes());
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
