package io.bpfsh.engine.load;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.core.CoreRelocations;
import io.bpfsh.engine.fs.Bpffs;
import io.bpfsh.engine.fs.PinPath;
import io.bpfsh.engine.insn.InstructionBuffer;
import io.bpfsh.engine.insn.Pseudo;
import io.bpfsh.engine.spec.ObjectSpec;
import io.bpfsh.engine.spec.ProgramSpec;
import io.bpfsh.engine.spec.Relocation;
import io.bpfsh.engine.sys.BpfException;
import io.bpfsh.engine.sys.BpfProgram;
import io.bpfsh.engine.sys.ProgramLoadAttributes;
import io.bpfsh.engine.sys.ProgramLoadException;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads a program of an object: its CO-RE relocations written in, its map relocations pointed at the loaded
 * maps, then BPF_PROG_LOAD with the object's BTF, the program's function and line records, and the type,
 * attach type and flags its {@link ProgramPlan} gives.
 */
final class ProgramLoader {
    private ProgramLoader() {
    }

    /**
     * Loads every program the plans say to load (skipping the others with an event), each recorded in
     * the transaction and reported as an event, and pins each at {@code <programPinDir>/<function name>}
     * when the options ask for it.
     */
    static List<LoadedProgram> loadAll(ProgramLoadContext in, List<ProgramPlan> plans, LoadOptions options,
                                       Bpffs bpffs, LoadTransaction tx, List<LoadEvent> events) throws EngineException {
        List<LoadedProgram> loaded = new ArrayList<>();
        for (ProgramPlan plan : plans) {
            ProgramSpec ps = plan.spec();
            if (plan.skipReason() != null) {
                events.add(LoadEvent.skipped(ps.section(), plan.skipReason()));
                continue;
            }
            BpfProgram prog = tx.opened(load(in, plan, options.keepVerifierLog()));
            loaded.add(new LoadedProgram(ps, prog));
            events.add(new LoadEvent(LoadEvent.Kind.LOADED, "program " + ps.section(), null,
                    plan.type().displayName() + ", id " + prog.id()));
            if (options.programPinDir() != null) {
                PinPath pin = bpffs.resolve(under(options.programPinDir(), ps.name()));
                tx.directoriesCreated(bpffs.createParents(pin));
                bpffs.pin(prog, pin);
                tx.pinCreated(pin);
                events.add(new LoadEvent(LoadEvent.Kind.PINNED, "program " + ps.section(), pin.toString(), null));
            }
        }
        return loaded;
    }

    /** {@code dir/name}, with one slash between them. */
    private static String under(String dir, String name) {
        return dir.isEmpty() || dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    static BpfProgram load(ProgramLoadContext in, ProgramPlan plan, boolean keepVerifierLog) throws EngineException {
        ObjectSpec spec = in.spec();
        ProgramSpec ps = plan.spec();
        InstructionBuffer code = InstructionBuffer.copyOf(ps.instructions());
        List<CoreRelocations.Poisoned> poisoned = in.core().apply(ps, code);
        for (Relocation r : ps.relocations()) {
            if (r.kind() == Relocation.Kind.KSYM_ADDRESS) {
                code.setImm64(r.instruction(), in.ksyms().get(r.mapName()));
                continue;
            }
            if (r.kind() == Relocation.Kind.KFUNC_CALL) { // offset 0: the id is vmlinux's
                code.set(r.instruction(), code.get(r.instruction()).withSrc(Pseudo.KFUNC_CALL)
                        .withImm(in.kfuncs().get(r.mapName())).withOffset((short) 0));
                continue;
            }
            LoadedMap lm = in.maps().stream().filter(x -> x.name().equals(r.mapName())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("relocation to unknown map " + r.mapName()));
            int pseudo = r.kind() == Relocation.Kind.MAP_FD ? Pseudo.MAP_FD : Pseudo.MAP_VALUE;
            code.setMapReference(r.instruction(), pseudo, lm.map().fd().get(), (int) r.offset());
        }
        int version = spec.kernelVersion() == ObjectSpec.CURRENT_KERNEL_VERSION ? KernelVersion.current()
                : spec.kernelVersion();
        String subject = spec.file() + ": " + ps.section();
        // attach_btf_id: the kernel type the section names (fentry/FUNC, tp_btf/NAME, lsm/HOOK, iter/NAME)
        int attachBtfId = plan.needsAttachBtfId()
                ? KernelBtf.idOf(plan.section().btfTargetName(), plan.section().btfTargetKind(), subject) : 0;
        ProgramLoadAttributes attrs = ProgramLoadAttributes.of(plan.type(), code.toArray(), spec.license())
                .withName(ps.name())
                .withKernelVersion(version)
                .withExpectedAttachType(plan.expectedAttachType())
                .withAttach(plan.programFlags(), attachBtfId);
        if (in.btf() != null) { // without the object's BTF in the kernel, its records cannot be given
            attrs = attrs.withBtfFd(in.btf().fd().get()).withBtfExt(ps.funcInfo(), ps.lineInfo());
        }
        try {
            return BpfProgram.load(attrs, subject, keepVerifierLog);
        } catch (ProgramLoadException e) {
            var why = CoreRelocations.explain(ps.name(), poisoned, e.verifierLog());
            throw why.isPresent() ? e.withContext(spec.file() + ": " + why.get()) : TrampolineRefusal.explain(e, plan,
                    subject);
        } catch (BpfException e) {
            throw TrampolineRefusal.explain(e, plan, subject);
        }
    }
}
