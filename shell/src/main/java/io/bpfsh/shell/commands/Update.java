package io.bpfsh.shell.commands;

import io.bpfsh.completions.ArgKind;
import io.bpfsh.completions.Completes;
import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.sys.BpfException;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.Errno;
import io.bpfsh.engine.sys.PinAccess;
import io.bpfsh.engine.sys.UpdateMode;
import io.bpfsh.shell.CommandException;
import io.bpfsh.shell.MapTypes;
import io.bpfsh.shell.Refs;
import io.bpfsh.shell.data.LiteralArg;
import io.bpfsh.shell.output.EntryPrinter;
import io.bpfsh.shell.output.JsonWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "update",
        description = {"Write the value of one key (create or replace; see --noexist and --exist).",
                "On a per-CPU map the value is written to every CPU.",
                LiteralHelp.PRECEDENCE},
        footer = {"  update global:dummy_hash 1 42",
                "  update counter:pkt_counts 7 '{pkts=5, bytes=1000}'     a typed struct value",
                "  update config:.data 0 '{seen=7}'                       global data: raw key, typed value",
                "  update ns1/globals/dummy_array 0 0xff --exist",
                "  update @names 1 \"eth0\"",
                "  update id:42 hex:01000000 \"hex:2a 00 00 00 00 00 00 00\" --noexist"})
final class Update extends ShellCommand {
    @Mixin
    private MapKeyArgs args;

    @Completes(ArgKind.TEXT)
    @Parameters(index = "2", paramLabel = "VALUE", parameterConsumer = LiteralConsumer.class,
            description = "The value literal.")
    private LiteralArg value;

    @ArgGroup(exclusive = true)
    private Mode mode = new Mode();

    /** --noexist or --exist, or neither (create or replace). */
    static final class Mode {
        @Completes(value = ArgKind.FLAG, offered = true)
        @Option(names = "--noexist", description = "Only create: fail if the key exists.")
        private boolean noexist;

        @Completes(value = ArgKind.FLAG, offered = true)
        @Option(names = "--exist", description = "Only replace: fail if the key is missing.")
        private boolean exist;
    }

    @Override
    protected void execute() throws EngineException {
        UpdateMode m = mode.noexist ? UpdateMode.NOEXIST : mode.exist ? UpdateMode.EXIST : UpdateMode.ANY;
        try (Refs.Resolved<BpfMap> r = Refs.map(session, args.ref, PinAccess.READ_WRITE)) {
            BpfMap map = r.object();
            MapTypes types = MapTypes.of(session, r, map);
            byte[] k = types.key(args.key, map.keySize());
            byte[] one = types.value(value, map.valueSize());
            byte[] v = map.isPerCpu() ? map.valueSlots().everySlot(one) : one;
            try {
                map.update(k, v, m);
            } catch (BpfException e) {
                if (m == UpdateMode.NOEXIST && e.is(Errno.EEXIST)) {
                    throw new CommandException("update " + args.ref + ": key " + args.key.text() + " already exists (--noexist)");
                }
                if (m == UpdateMode.EXIST && e.is(Errno.ENOENT)) {
                    throw new CommandException("update " + args.ref + ": key " + args.key.text() + " does not exist (--exist)");
                }
                throw e;
            }
            EntryPrinter p = new EntryPrinter(map, types);
            if (json()) {
                JsonWriter w = jsonWriter().beginObject().name("updated");
                p.json(w, k, v);
                w.endObject().endDocument();
            } else {
                out().println("updated " + p.text(k, v));
            }
        }
    }
}
