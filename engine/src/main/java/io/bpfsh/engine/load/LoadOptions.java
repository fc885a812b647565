package io.bpfsh.engine.load;

/**
 * Options of a whole load.
 *
 * @param pinRoot         where LIBBPF_PIN_BY_NAME maps pin (libbpf's pin_root_path), relative to the bpffs
 *                        root or absolute inside it; null or "" means the bpffs root itself
 * @param keepVerifierLog load programs with the verifier's log and statistics, kept on each loaded
 *                        program ({@link LoadedProgram#verifierLog()}) even when the verifier accepts it
 * @param programPinDir   pin every program at {@code <dir>/<function name>}, as {@code bpftool prog loadall}
 *                        does; relative to the bpffs root or absolute inside it; null pins none
 */
public record LoadOptions(String pinRoot, boolean keepVerifierLog, String programPinDir) {
    public LoadOptions(String pinRoot) {
        this(pinRoot, false, null);
    }

    public static LoadOptions defaults() {
        return new LoadOptions(null);
    }

    public LoadOptions withVerifierLog() {
        return new LoadOptions(pinRoot, true, programPinDir);
    }

    public LoadOptions withProgramPins(String dir) {
        return new LoadOptions(pinRoot, keepVerifierLog, dir);
    }
}
