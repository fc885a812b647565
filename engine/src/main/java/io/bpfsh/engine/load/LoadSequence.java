package io.bpfsh.engine.load;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.core.CoreRelocations;
import io.bpfsh.engine.core.CoreTargets;
import io.bpfsh.engine.fs.Bpffs;
import io.bpfsh.engine.spec.GlobalVariables;
import io.bpfsh.engine.spec.ObjectSpec;
import io.bpfsh.engine.sys.BpfBtf;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The steps behind {@link Module#load} and {@link Module#plan}, in order: externs and global variables,
 * the map plan (refused before anything is created), CO-RE, then maps, map slots, programs, program slots,
 * and the commit of the {@link LoadTransaction}; any failure rolls the transaction back.
 */
final class LoadSequence {
    /** What a load made, for the module to hold. */
    record Loaded(List<LoadedMap> maps, List<LoadedProgram> programs, List<Path> createdDirectories,
            MapUnpinner unpinner, LoadReport report) {
    }

    private final Path file;
    private final Bpffs bpffs;
    private final ObjectSpec spec;
    private final String objectId;

    LoadSequence(Path file, Bpffs bpffs, ObjectSpec spec, String objectId) {
        this.file = file;
        this.bpffs = bpffs;
        this.spec = spec;
        this.objectId = objectId;
    }

    /** @param params checked already: every key names a map of the object */
    Loaded load(Map<String, SectionParams> params, LoadOptions options) throws EngineException {
        PinLocations where = locations(options);
        KernelExterns externs = KernelExterns.resolve(spec); // the kernel's values, before any kernel object
        ObjectSpec toLoad = GlobalVariables.set(externs.spec(), options.variables());
        LoadPlan plan = plan(toLoad, params, options, where);
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
            MapSlotFiller.fillPrograms(toLoad, loadedMaps, loadedPrograms, events);
            tx.commit(); // replacements are renamed over their old pins only now; after it no step can fail
            spec.notes().forEach(note -> events.add(new LoadEvent(LoadEvent.Kind.NOTE, note, null, null)));
            return new Loaded(List.copyOf(loadedMaps), List.copyOf(loadedPrograms), tx.createdDirectories(),
                    new MapUnpinner(file.toString(), bpffs, where), new LoadReport(events));
        } catch (InFlightLoads.LoadInterruptedException e) {
            tx.rollback();
            throw new EngineException(file + ": " + e.getMessage());
        } catch (EngineException | RuntimeException e) {
            tx.rollback();
            throw e;
        }
    }

    /** @param params checked already: every key names a map of the object */
    LoadPlan plan(Map<String, SectionParams> params, LoadOptions options) throws EngineException {
        ObjectSpec toLoad = GlobalVariables.set(KernelExterns.resolve(spec).spec(), options.variables());
        return plan(toLoad, params, options, locations(options));
    }

    /** @param toLoad the spec as the load creates it (externs resolved, global variables set) */
    private LoadPlan plan(ObjectSpec toLoad, Map<String, SectionParams> p, LoadOptions options, PinLocations where)
            throws EngineException {
        return LoadPlan.of(file.toString(), MapPlan.of(toLoad, p, where), toLoad.btf(), bpffs, options.onIncompatible());
    }

    private PinLocations locations(LoadOptions options) {
        return new PinLocations(bpffs, file.toString(), objectId, options.pinRoot());
    }

    CoreRelocations coreRelocations() throws EngineException {
        return CoreRelocations.resolve(spec, CoreTargets::kernel);
    }
}
