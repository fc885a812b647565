package io.bpfsh.shell.commands;

import io.bpfsh.completions.ArgKind;
import io.bpfsh.completions.Completes;
import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.MapType;
import io.bpfsh.engine.sys.PinAccess;
import io.bpfsh.shell.CommandException;
import io.bpfsh.shell.MapTypes;
import io.bpfsh.shell.Refs;
import io.bpfsh.shell.data.LiteralArg;
import io.bpfsh.shell.output.EntryPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "peek",
        description = {"Print the element pop would take, leaving it in place; or, with VALUE, test a bloom "
                + "filter for it.",
                "An empty queue or stack is an error. A bloom filter answers \"maybe present\" (it may be a "
                        + "false positive) or \"absent\" (certain); --json: {\"value\": V, \"present\": true}."},
        footer = {"  peek m:lengths                   the next packet length, still queued",
                "  peek seen hex:0a000001           is it in the pinned bloom filter?"})
final class Peek extends ShellCommand {
    @Completes(ArgKind.MAP_REF)
    @Parameters(index = "0", paramLabel = "REF", description = "The queue, stack or bloom filter: MODULE:NAME, @NAME, id:N or a pin path.")
    private String ref;

    @Completes(ArgKind.TEXT)
    @Parameters(index = "1", arity = "0..1", paramLabel = "VALUE", parameterConsumer = LiteralConsumer.class,
            description = "For a bloom filter: the value to test.")
    private LiteralArg value;

    @Override
    protected void execute() throws EngineException {
        try (Refs.Resolved<BpfMap> r = Refs.map(session, ref, PinAccess.READ_ONLY)) {
            BpfMap map = r.object();
            MapTypes types = MapTypes.of(session, r, map);
            EntryPrinter printer = new EntryPrinter(map, types);
            if (map.type() == MapType.BLOOM_FILTER) {
                if (value == null) {
                    throw new CommandException("peek " + ref + ": a bloom filter is tested for a VALUE: peek " + ref + " VALUE");
                }
                byte[] v = types.value(value, map.valueSize());
                boolean present = map.mayContain(v);
                if (json()) {
                    printer.jsonValue(jsonWriter().beginObject(), "value", v).field("present", present).endObject().endDocument();
                } else {
                    out().println(printer.valueText(v) + (present ? ": maybe present" : ": absent"));
                }
                return;
            }
            if (value != null) {
                throw new CommandException("peek " + ref + ": VALUE is only for bloom filters; a "
                        + map.type().displayName() + " shows its next element: peek " + ref);
            }
            byte[] v = map.peek();
            if (v == null) {
                throw new CommandException("peek " + ref + ": the " + map.type().displayName() + " is empty");
            }
            ValueOutput.print(this, "value", printer, v);
        }
    }
}
