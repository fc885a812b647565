package io.bpfsh.shell.commands;

import io.bpfsh.completions.ArgKind;
import io.bpfsh.completions.Completes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "trace",
        description = {"Show every system call the next commands make for BPF, on stderr, or stop.",
                "Each bpf(2) call is one line as it returns: the command as in the kernel's enum "
                        + "(BPF_MAP_CREATE, BPF_PROG_LOAD, BPF_OBJ_PIN, ...), the attr fields that matter "
                        + "for it by name, the result (a new FD, 0, or the errno name) and how long it took; "
                        + "mount(2) of a bpffs too. What a loader really does, call by call. --trace starts "
                        + "a session with it on. Without an argument, says whether it is on."},
        footer = {"  trace on",
                "  load samples/gobpf_global.o --as g     BPF_MAP_CREATE, BPF_OBJ_PIN, ...",
                "  trace off"})
final class Trace extends ShellCommand {
    /** The two states, as typed. */
    enum Switch { on, off }

    @Completes(ArgKind.CHOICE)
    @Parameters(arity = "0..1", paramLabel = "on|off", description = "on or off.")
    private Switch state;

    @Override
    protected void execute() {
        if (state != null) {
            session.setTracing(state == Switch.on);
        }
        boolean on = session.tracing();
        if (json()) {
            jsonWriter().beginObject().field("trace", on).endObject().endDocument();
        } else if (state == null) {
            out().println("trace is " + (on ? "on" : "off"));
        } else {
            confirm("trace " + (on ? "on" : "off"));
        }
    }
}
