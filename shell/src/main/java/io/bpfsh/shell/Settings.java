package io.bpfsh.shell;

import java.nio.file.Path;

/**
 * The global options of a bpfsh run, fixed for the whole session.
 *
 * @param bpffsRoot the root that relative pin paths resolve under (--bpffs)
 * @param json      machine-readable output (--json)
 * @param noMount   never mount bpffs; fail instead (--no-mount)
 * @param debug     stack traces with errors (--debug)
 * @param keepGoing batch: run on after a failed command (--keep-going)
 * @param quiet     print results and errors only, not what a command did (--quiet)
 * @param echo      print each command as {@code bpfsh> COMMAND} before its output (--echo)
 * @param trace     print every system call the engine makes for BPF on stderr (--trace); the
 *                  REPL's {@code trace on|off} changes it for the session
 */
public record Settings(Path bpffsRoot, boolean json, boolean noMount, boolean debug, boolean keepGoing,
                       boolean quiet, boolean echo, boolean trace) {
    /** The options a test or an embedding most often sets; quiet, echo and trace off. */
    public Settings(Path bpffsRoot, boolean json, boolean noMount, boolean debug, boolean keepGoing) {
        this(bpffsRoot, json, noMount, debug, keepGoing, false, false, false);
    }

    public static Settings defaults(Path bpffsRoot) {
        return new Settings(bpffsRoot, false, false, false, false);
    }

    public Settings withJson(boolean on) {
        return new Settings(bpffsRoot, on, noMount, debug, keepGoing, quiet, echo, trace);
    }

    public Settings withKeepGoing(boolean on) {
        return new Settings(bpffsRoot, json, noMount, debug, on, quiet, echo, trace);
    }
}
