package io.bpfsh.engine.load;

import java.util.Map;

/**
 * Options of a whole load.
 *
 * @param pinRoot         where LIBBPF_PIN_BY_NAME maps pin (libbpf's pin_root_path), relative to the bpffs
 *                        root or absolute inside it; null or "" means the bpffs root itself
 * @param variables       global variables to set before the programs load, name to value literal (typed by
 *                        the variable's BTF type, as {@code update} reads values), e.g. {@code cfg_divisor -> "4"}
 * @param onIncompatible  what to do when a map is pinned where the load wants its map but differs from it
 * @param keepVerifierLog load programs with the verifier's log and statistics, kept on each loaded
 *                        program ({@link LoadedProgram#verifierLog()}) even when the verifier accepts it
 * @param programPinDir   pin every program at {@code <dir>/<function name>}, as {@code bpftool prog loadall}
 *                        does; relative to the bpffs root or absolute inside it; null pins none
 */
public record LoadOptions(String pinRoot, Map<String, String> variables, IncompatiblePolicy onIncompatible,
                          boolean keepVerifierLog, String programPinDir) {
    public LoadOptions {
        variables = variables == null ? Map.of() : Map.copyOf(variables);
        onIncompatible = onIncompatible == null ? IncompatiblePolicy.FAIL : onIncompatible;
    }

    public LoadOptions(String pinRoot) {
        this(pinRoot, Map.of(), IncompatiblePolicy.FAIL, false, null);
    }

    public static LoadOptions defaults() {
        return new LoadOptions(null);
    }

    public LoadOptions withVariables(Map<String, String> values) {
        return new LoadOptions(pinRoot, values, onIncompatible, keepVerifierLog, programPinDir);
    }

    public LoadOptions withOnIncompatible(IncompatiblePolicy policy) {
        return new LoadOptions(pinRoot, variables, policy, keepVerifierLog, programPinDir);
    }

    public LoadOptions withVerifierLog() {
        return new LoadOptions(pinRoot, variables, onIncompatible, true, programPinDir);
    }

    public LoadOptions withProgramPins(String dir) {
        return new LoadOptions(pinRoot, variables, onIncompatible, keepVerifierLog, dir);
    }
}
