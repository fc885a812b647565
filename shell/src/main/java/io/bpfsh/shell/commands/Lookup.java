package io.bpfsh.shell.commands;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.PinAccess;
import io.bpfsh.shell.MapErrors;
import io.bpfsh.shell.MapTypes;
import io.bpfsh.shell.Refs;
import io.bpfsh.shell.output.EntryPrinter;
import io.bpfsh.shell.output.JsonWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "lookup",
        description = {"Print the value of one key; a missing key is an error.",
                "Keys and values show as dump shows them: by their BTF type when the map has one, raw "
                        + "otherwise; with --json the raw form plus \"formatted\" with the typed one.",
                LiteralHelp.PRECEDENCE},
        footer = {"  lookup global:dummy_hash 1",
                "  lookup counter:pkt_counts 7                 typed: value {pkts=2, bytes=200}",
                "  lookup ns1/globals/dummy_array 0x0",
                "  lookup @names \"eth0\"",
                "  lookup id:42 hex:01000000"})
final class Lookup extends ShellCommand {
    @Mixin
    private MapKeyArgs args;

    @Override
    protected void execute() throws EngineException {
        try (Refs.Resolved<BpfMap> r = Refs.map(session, args.ref, PinAccess.READ_ONLY)) {
            BpfMap map = r.object();
            KeylessMaps.requireKeyed(map, "lookup", args.ref);
            MapTypes types = MapTypes.of(session, r, map);
            byte[] k = types.key(args.key, map.keySize());
            byte[] v = map.lookup(k);
            if (v == null) {
                throw MapErrors.noEntry("lookup " + args.ref, map, args.key.text(), k);
            }
            EntryPrinter p = new EntryPrinter(map, types);
            if (json()) {
                JsonWriter w = jsonWriter();
                p.json(w, k, v);
                w.endDocument();
            } else {
                p.print(out(), k, v);
            }
        }
    }
}
