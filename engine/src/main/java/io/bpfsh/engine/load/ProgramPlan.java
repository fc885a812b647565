package io.bpfsh.engine.load;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.spec.ObjectSpec;
import io.bpfsh.engine.spec.ProgramSection;
import io.bpfsh.engine.spec.ProgramSpec;
import io.bpfsh.engine.sys.ProgType;
import java.util.ArrayList;
import java.util.List;

/**
 * How one program of an object is to be loaded: its type and attach attributes, from its section
 * name ({@link io.bpfsh.engine.spec.ProgramSections}) or the caller's {@link LoadOptions}, or why it is
 * not loaded. Pure: every refusal is found before the load's first syscall.
 *
 * @param section    what the section name says; null when it says nothing or the caller chose another type
 * @param skipReason non-null when the program is not loaded (libbpf's '?' prefix)
 */
public record ProgramPlan(ProgramSpec spec, ProgType type, int expectedAttachType, int programFlags,
                          ProgramSection section, String skipReason) {

    /** Whether PROG_LOAD needs the kernel BTF id of {@code section.btfTargetName()}. */
    public boolean needsAttachBtfId() {
        return section != null && section.needsAttachBtfId();
    }

    /** The plan of every program of the object, in the object's order; bad options and refusals throw. */
    public static List<ProgramPlan> of(ObjectSpec spec, LoadOptions options) throws EngineException {
        String file = spec.file().toString();
        for (String s : options.programTypes().keySet()) {
            if (spec.programs().stream().noneMatch(p -> p.section().equals(s))) {
                throw new EngineException(file + ": program type given for section '" + s
                        + "', which the object does not have (its program sections: "
                        + String.join(", ", spec.programs().stream().map(ProgramSpec::section).distinct().toList()) + ")");
            }
        }
        for (String s : options.optionalPrograms()) {
            if (spec.programs().stream().noneMatch(p -> p.optional() && (p.section().equals(s) || p.name().equals(s)))) {
                throw new EngineException(file + ": '" + s + "' is not a program of the object with the '?' prefix");
            }
        }
        List<ProgramPlan> plans = new ArrayList<>();
        for (ProgramSpec p : spec.programs()) {
            plans.add(plan(file, p, options));
        }
        return plans;
    }

    private static ProgramPlan plan(String file, ProgramSpec p, LoadOptions options) throws EngineException {
        ProgramSection known = p.convention().orElse(null);
        ProgType given = options.programTypes().get(p.section());
        if (given == null && known == null) {
            given = options.defaultProgramType();
        }
        if (given == null && known == null) {
            throw new UnknownProgramTypeException(file, p.section());
        }
        String skip = null;
        if (p.optional() && !options.optionalPrograms().contains(p.section())
                && !options.optionalPrograms().contains(p.name())) {
            skip = "not loaded unless asked (the section name starts with '?')";
        }
        if (given != null && (known == null || known.type() != given)) {
            // the caller's type: the section's attach attributes belong to another type
            return new ProgramPlan(p, given, 0, 0, null, skip);
        }
        refuseUnsupported(file, p, known);
        return new ProgramPlan(p, known.type(), known.expectedAttachType(), known.programFlags(), known, skip);
    }

    /** Conventions bpfsh reads but cannot load correctly: a one-line refusal rather than a wrong load. */
    private static void refuseUnsupported(String file, ProgramSpec p, ProgramSection s) throws EngineException {
        String why = null;
        if (s.type() == ProgType.EXT) {
            why = "freplace programs replace a function of another loaded program, which bpfsh cannot name yet";
        } else if (s.type() == ProgType.STRUCT_OPS) {
            why = "struct_ops programs load through a struct_ops map, which bpfsh does not support";
        } else if (s.needsAttachBtfId() && s.target().isEmpty()) {
            why = "the section name must name its target (" + s.pattern().replace("+", "") + "/NAME)";
        } else if (s.needsAttachBtfId() && s.target().contains(":")) {
            why = "targets in kernel modules (MODULE:NAME) are not supported";
        }
        if (why != null) {
            throw new EngineException(file + ": section " + p.section() + ": " + why);
        }
    }
}
