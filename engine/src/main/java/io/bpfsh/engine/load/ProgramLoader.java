package io.bpfsh.engine.load;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.insn.InstructionBuffer;
import io.bpfsh.engine.insn.Pseudo;
import io.bpfsh.engine.spec.ObjectSpec;
import io.bpfsh.engine.spec.ProgramSpec;
import io.bpfsh.engine.spec.Relocation;
import io.bpfsh.engine.sys.BpfProgram;
import io.bpfsh.engine.sys.ProgramLoadAttributes;
import java.util.ArrayList;
import java.util.List;

/** Loads a program of an object: its map relocations pointed at the loaded maps, then BPF_PROG_LOAD. */
final class ProgramLoader {
    private ProgramLoader() {
    }

    /** Loads every program of the object, each recorded in the transaction and reported as an event. */
    static List<LoadedProgram> loadAll(ObjectSpec spec, List<LoadedMap> maps, LoadTransaction tx, List<LoadEvent> events)
            throws EngineException {
        List<LoadedProgram> loaded = new ArrayList<>();
        for (ProgramSpec ps : spec.programs()) {
            BpfProgram prog = tx.opened(load(spec, ps, maps));
            loaded.add(new LoadedProgram(ps, prog));
            events.add(new LoadEvent(LoadEvent.Kind.LOADED, "program " + ps.section(), null,
                    ps.type().displayName() + ", id " + prog.id()));
        }
        return loaded;
    }

    static BpfProgram load(ObjectSpec spec, ProgramSpec ps, List<LoadedMap> maps) throws EngineException {
        InstructionBuffer code = InstructionBuffer.copyOf(ps.instructions());
        for (Relocation r : ps.relocations()) {
            LoadedMap lm = maps.stream().filter(x -> x.name().equals(r.mapName())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("relocation to unknown map " + r.mapName()));
            int pseudo = r.kind() == Relocation.Kind.MAP_FD ? Pseudo.MAP_FD : Pseudo.MAP_VALUE;
            code.setMapReference(r.instruction(), pseudo, lm.map().fd().get(), (int) r.offset());
        }
        int version = spec.kernelVersion() == ObjectSpec.CURRENT_KERNEL_VERSION ? KernelVersion.current()
                : spec.kernelVersion();
        ProgramLoadAttributes attrs = ProgramLoadAttributes.of(ps.type(), code.toArray(), spec.license())
                .withName(ps.name())
                .withKernelVersion(version)
                .withExpectedAttachType(ps.expectedAttachType());
        return BpfProgram.load(attrs, spec.file() + ": " + ps.section());
    }
}
