package io.bpfsh.shell.commands;

import io.bpfsh.completions.ArgKind;
import io.bpfsh.completions.Completes;
import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.PinAccess;
import io.bpfsh.shell.CommandException;
import io.bpfsh.shell.MapTypes;
import io.bpfsh.shell.Refs;
import io.bpfsh.shell.output.EntryPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "pop",
        description = {"Take the next element out of a queue (the oldest) or a stack (the newest) and print it; "
                + "an empty one is an error.",
                "The value shows as dump shows values: by its BTF type when the map has one, raw otherwise."},
        footer = {"  pop m:lengths                    the oldest packet length the sample pushed",
                "  pop @work                        a handle opened with get"})
final class Pop extends ShellCommand {
    @Completes(ArgKind.MAP_REF)
    @Parameters(index = "0", paramLabel = "REF", description = "The queue or stack: MODULE:NAME, @NAME, id:N or a pin path.")
    private String ref;

    @Override
    protected void execute() throws EngineException {
        try (Refs.Resolved<BpfMap> r = Refs.map(session, ref, PinAccess.READ_WRITE)) {
            BpfMap map = r.object();
            byte[] v = map.pop();
            if (v == null) {
                throw new CommandException("pop " + ref + ": the " + map.type().displayName() + " is empty");
            }
            ValueOutput.print(this, "popped", new EntryPrinter(map, MapTypes.of(session, r, map)), v);
        }
    }
}
