package io.bpfsh.engine.load;

import io.bpfsh.engine.sys.ProgType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Options of a whole load.
 *
 * @param pinRoot            where LIBBPF_PIN_BY_NAME maps pin (libbpf's pin_root_path), relative to the bpffs
 *                           root or absolute inside it; null or "" means the bpffs root itself
 * @param variables          global variables to set before the programs load, name to value literal (typed by
 *                           the variable's BTF type, as {@code update} reads values), e.g. {@code cfg_divisor -> "4"}
 * @param onIncompatible     what to do when a map is pinned where the load wants its map but differs from it
 * @param programTypes       program type by section name, for sections whose name says none (or to
 *                           override what it says, as bpftool's {@code type} does)
 * @param defaultProgramType the type of every program section whose name says none and that
 *                           {@code programTypes} does not name; null: such a section fails the load
 * @param optionalPrograms   sections (or function names) with libbpf's '?' prefix to load anyway;
 *                           without it they are skipped, as libbpf skips them
 * @param keepVerifierLog    load programs with the verifier's log and statistics, kept on each loaded
 *                           program ({@link LoadedProgram#verifierLog()}) even when the verifier accepts it
 * @param programPinDir      pin every program at {@code <dir>/<function name>}, as {@code bpftool prog loadall}
 *                           does; relative to the bpffs root or absolute inside it; null pins none
 * @param maxMapMemory       the most kernel memory one map may take up front ({@link MapMemory}); a map
 *                           estimated above it is refused before it is created
 */
public record LoadOptions(String pinRoot, Map<String, String> variables, IncompatiblePolicy onIncompatible,
                          Map<String, ProgType> programTypes, ProgType defaultProgramType, Set<String> optionalPrograms,
                          boolean keepVerifierLog, String programPinDir, long maxMapMemory) {

    public LoadOptions {
        variables = variables == null ? Map.of() : Map.copyOf(variables);
        onIncompatible = onIncompatible == null ? IncompatiblePolicy.FAIL : onIncompatible;
        programTypes = programTypes == null ? Map.of() : Map.copyOf(programTypes);
        optionalPrograms = optionalPrograms == null ? Set.of() : Set.copyOf(optionalPrograms);
    }

    public LoadOptions(String pinRoot) {
        this(pinRoot, Map.of(), IncompatiblePolicy.FAIL, Map.of(), null, Set.of(), false, null, MapMemory.DEFAULT_LIMIT);
    }

    public static LoadOptions defaults() {
        return new LoadOptions(null);
    }

    public LoadOptions withVariables(Map<String, String> values) {
        return new LoadOptions(pinRoot, values, onIncompatible, programTypes, defaultProgramType, optionalPrograms,
                keepVerifierLog, programPinDir, maxMapMemory);
    }

    public LoadOptions withOnIncompatible(IncompatiblePolicy policy) {
        return new LoadOptions(pinRoot, variables, policy, programTypes, defaultProgramType, optionalPrograms,
                keepVerifierLog, programPinDir, maxMapMemory);
    }

    public LoadOptions withProgramType(String section, ProgType type) {
        Map<String, ProgType> m = new HashMap<>(programTypes);
        m.put(section, type);
        return new LoadOptions(pinRoot, variables, onIncompatible, m, defaultProgramType, optionalPrograms,
                keepVerifierLog, programPinDir, maxMapMemory);
    }

    public LoadOptions withDefaultProgramType(ProgType type) {
        return new LoadOptions(pinRoot, variables, onIncompatible, programTypes, type, optionalPrograms,
                keepVerifierLog, programPinDir, maxMapMemory);
    }

    public LoadOptions withOptionalProgram(String sectionOrName) {
        Set<String> s = new HashSet<>(optionalPrograms);
        s.add(sectionOrName);
        return new LoadOptions(pinRoot, variables, onIncompatible, programTypes, defaultProgramType, s,
                keepVerifierLog, programPinDir, maxMapMemory);
    }

    public LoadOptions withVerifierLog() {
        return new LoadOptions(pinRoot, variables, onIncompatible, programTypes, defaultProgramType, optionalPrograms,
                true, programPinDir, maxMapMemory);
    }

    public LoadOptions withProgramPins(String dir) {
        return new LoadOptions(pinRoot, variables, onIncompatible, programTypes, defaultProgramType, optionalPrograms,
                keepVerifierLog, dir, maxMapMemory);
    }

    public LoadOptions withMaxMapMemory(long bytes) {
        return new LoadOptions(pinRoot, variables, onIncompatible, programTypes, defaultProgramType, optionalPrograms,
                keepVerifierLog, programPinDir, bytes);
    }
}
