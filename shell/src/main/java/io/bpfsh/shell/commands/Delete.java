package io.bpfsh.shell.commands;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.sys.BpfException;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.Errno;
import io.bpfsh.engine.sys.MapType;
import io.bpfsh.engine.sys.PinAccess;
import io.bpfsh.shell.CommandException;
import io.bpfsh.shell.MapErrors;
import io.bpfsh.shell.MapTypes;
import io.bpfsh.shell.Refs;
import io.bpfsh.shell.data.DataFormat;
import io.bpfsh.shell.output.EntryPrinter;
import io.bpfsh.shell.output.JsonWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "delete",
        description = {"Remove one key from a map; a missing key is an error.",
                "Array maps have every key from 0 to max entries - 1 and cannot delete any: write a zero "
                        + "value with update instead.",
                LiteralHelp.PRECEDENCE},
        footer = {"  delete global:dummy_hash 1", "  delete @names \"eth0\"", "  delete counter:pkt_counts 7"})
final class Delete extends ShellCommand {
    @Mixin
    private MapKeyArgs args;

    @Override
    protected void execute() throws EngineException {
        try (Refs.Resolved<BpfMap> r = Refs.map(session, args.ref, PinAccess.READ_WRITE)) {
            BpfMap map = r.object();
            KeylessMaps.requireKeyed(map, "delete", args.ref);
            MapTypes types = MapTypes.of(session, r, map);
            byte[] k = types.key(args.key, map.keySize());
            boolean deleted;
            try {
                deleted = map.delete(k);
            } catch (BpfException e) {
                MapType t = map.type();
                if (e.is(Errno.EINVAL) && (t == MapType.ARRAY || t == MapType.PERCPU_ARRAY)) {
                    String zero = DataFormat.isInteger(map.valueSize()) ? "0" : "hex:" + "00".repeat(map.valueSize());
                    throw new CommandException("delete " + args.ref + ": an array map cannot delete keys;"
                            + " write a zero value instead: update " + args.ref + " " + args.key.text() + " " + zero);
                }
                throw e;
            }
            if (!deleted) {
                throw MapErrors.noEntry("delete " + args.ref, map, args.key.text(), k);
            }
            EntryPrinter p = new EntryPrinter(map, types);
            if (json()) {
                JsonWriter w = jsonWriter().beginObject().name("deleted");
                p.jsonKey(w, k);
                w.endObject().endDocument();
            } else {
                confirm("deleted key " + p.keyText(k));
            }
        }
    }
}
