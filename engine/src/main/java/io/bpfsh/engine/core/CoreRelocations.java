package io.bpfsh.engine.core;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.insn.InstructionBuffer;
import io.bpfsh.engine.spec.LinkedPiece;
import io.bpfsh.engine.spec.ObjectSpec;
import io.bpfsh.engine.spec.ProgramSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An object's CO-RE relocations, resolved against the kernel's types once, and applied to each linked program's
 * copy of the instructions they are on (a .text function's relocations apply in every program it is linked into).
 * Resolving before anything is created means a relocation that cannot be applied correctly fails the load with
 * nothing changed.
 */
public final class CoreRelocations {
    private static final Pattern POISON_REACHED = Pattern.compile("(?m)^(\\d+): \\(85\\) call unknown#"
            + CorePatcher.POISON_HELPER + "$");

    private final String file;
    private final List<CoreResolution> all;

    private CoreRelocations(String file, List<CoreResolution> all) {
        this.file = file;
        this.all = all;
    }

    /** A poisoned instruction of a linked program, and the relocation that found nothing for it. */
    public record Poisoned(int instruction, CoreResolution relocation) {
    }

    /**
     * Resolves every relocation in the object's .BTF.ext. {@code targets} is asked for only when there is one (it
     * reads the kernel's BTF).
     */
    public static CoreRelocations resolve(ObjectSpec spec, TargetSource targets) throws EngineException {
        String file = spec.file().toString();
        if (spec.btfExt() == null || spec.btfExt().coreRelos().isEmpty()) return new CoreRelocations(file, List.of());
        CoreResolver resolver = new CoreResolver(file, spec.btf(), targets.get());
        return new CoreRelocations(file, List.copyOf(resolver.resolveAll(spec.btfExt())));
    }

    /** Where the kernel's types come from; {@link CoreTargets#kernel()} outside tests. */
    @FunctionalInterface
    public interface TargetSource {
        CoreTargets get() throws EngineException;
    }

    /** Every relocation with its resolution, in .BTF.ext order (what {@code load --dry-run} lists). */
    public List<CoreResolution> all() {
        return all;
    }

    /**
     * Writes the resolutions into program {@code p}'s linked instructions.
     *
     * @return the instructions poisoned, by linked index
     * @throws CoreException if an instruction cannot take its value
     */
    public List<Poisoned> apply(ProgramSpec p, InstructionBuffer code) throws CoreException {
        List<Poisoned> poisoned = new ArrayList<>();
        for (CoreResolution r : all) {
            for (LinkedPiece piece : p.pieces()) {
                if (!piece.holds(r.section(), r.instruction())) continue;
                int at = piece.linked(r.instruction());
                String where = file + ": program " + p.name() + ": CO-RE relocation #" + r.index() + " of section "
                        + r.section() + " at instruction " + at;
                if (CorePatcher.apply(code, at, r, where)) poisoned.add(new Poisoned(at, r));
            }
        }
        return List.copyOf(poisoned);
    }

    /**
     * What to say when the verifier refused a program that has poisoned instructions: the relocation behind the
     * poisoned call the verifier reached (from its log), if it reached one.
     */
    public static Optional<String> explain(String programName, List<Poisoned> poisoned, String verifierLog) {
        if (poisoned.isEmpty() || verifierLog == null) return Optional.empty();
        Matcher m = POISON_REACHED.matcher(verifierLog);
        Integer reached = null;
        while (m.find()) reached = Integer.parseInt(m.group(1));
        if (reached == null) return Optional.empty();
        for (Poisoned p : poisoned) {
            if (p.instruction() == reached) {
                CoreResolution r = p.relocation();
                String why = r.unsafeSizeChange() ? "the kernel's field has another size and type, which a load of "
                        + "this width would read wrongly" : "nothing in the kernel's BTF matches it";
                return Optional.of("program " + programName + ": instruction " + reached + " uses CO-RE relocation "
                        + r.kind().label() + " " + r.local() + ", and " + why);
            }
        }
        return Optional.empty();
    }
}
