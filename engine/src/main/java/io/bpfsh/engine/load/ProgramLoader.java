package io.bpfsh.engine.load;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.insn.InstructionBuffer;
import io.bpfsh.engine.insn.Pseudo;
import io.bpfsh.engine.spec.ObjectSpec;
import io.bpfsh.engine.spec.ProgramSpec;
import io.bpfsh.engine.spec.Relocation;
import io.bpfsh.engine.sys.BpfException;
import io.bpfsh.engine.sys.BpfProgram;
import io.bpfsh.engine.sys.ProgramLoadAttributes;
import java.util.ArrayList;
import java.util.List;

/** Loads a program of an object: its map relocations pointed at the loaded maps, then BPF_PROG_LOAD. */
final class ProgramLoader {
    private ProgramLoader() {
    }

    /**
     * Loads every program the plans say to load (skipping the others with an event), each recorded in
     * the transaction and reported as an event.
     */
    static List<LoadedProgram> loadAll(ObjectSpec spec, List<ProgramPlan> plans, List<LoadedMap> maps,
                                       LoadTransaction tx, List<LoadEvent> events) throws EngineException {
        List<LoadedProgram> loaded = new ArrayList<>();
        for (ProgramPlan plan : plans) {
            ProgramSpec ps = plan.spec();
            if (plan.skipReason() != null) {
                events.add(LoadEvent.skipped(ps.section(), plan.skipReason()));
                continue;
            }
            BpfProgram prog = tx.opened(load(spec, plan, maps));
            loaded.add(new LoadedProgram(ps, prog));
            events.add(new LoadEvent(LoadEvent.Kind.LOADED, "program " + ps.section(), null,
                    plan.type().displayName() + ", id " + prog.id()));
        }
        return loaded;
    }

    /** BPF_PROG_LOAD with the plan's type, attach type and flags; attach_btf_id from vmlinux BTF where needed. */
    static BpfProgram load(ObjectSpec spec, ProgramPlan plan, List<LoadedMap> maps) throws EngineException {
        ProgramSpec ps = plan.spec();
        InstructionBuffer code = InstructionBuffer.copyOf(ps.instructions());
        for (Relocation r : ps.relocations()) {
            LoadedMap lm = maps.stream().filter(x -> x.name().equals(r.mapName())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("relocation to unknown map " + r.mapName()));
            int pseudo = r.kind() == Relocation.Kind.MAP_FD ? Pseudo.MAP_FD : Pseudo.MAP_VALUE;
            code.setMapReference(r.instruction(), pseudo, lm.map().fd().get(), (int) r.offset());
        }
        int version = spec.kernelVersion() == ObjectSpec.CURRENT_KERNEL_VERSION ? KernelVersion.current()
                : spec.kernelVersion();
        String subject = spec.file() + ": " + ps.section();
        int attachBtfId = plan.needsAttachBtfId()
                ? KernelBtf.idOf(plan.section().btfTargetName(), plan.section().btfTargetKind(), subject) : 0;
        ProgramLoadAttributes attrs = ProgramLoadAttributes.of(plan.type(), code.toArray(), spec.license())
                .withName(ps.name())
                .withKernelVersion(version)
                .withExpectedAttachType(plan.expectedAttachType())
                .withProgramFlags(plan.programFlags())
                .withAttachBtfId(attachBtfId);
        try {
            return BpfProgram.load(attrs, subject);
        } catch (BpfException e) {
            throw TrampolineRefusal.explain(e, plan, subject);
        }
    }
}
