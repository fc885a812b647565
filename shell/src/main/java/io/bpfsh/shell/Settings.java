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
 */
public record Settings(Path bpffsRoot, boolean json, boolean noMount, boolean debug, boolean keepGoing) {
    public static Settings defaults(Path bpffsRoot) {
        return new Settings(bpffsRoot, false, false, false, false);
    }

    public Settings withJson(boolean on) {
        return new Settings(bpffsRoot, on, noMount, debug, keepGoing);
    }

    public Settings withKeepGoing(boolean on) {
        return new Settings(bpffsRoot, json, noMount, debug, on);
    }
}
