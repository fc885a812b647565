package io.bpfsh.shell.commands;

import io.bpfsh.completions.ArgKind;
import io.bpfsh.completions.Completes;
import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.MapCursor;
import io.bpfsh.engine.sys.PinAccess;
import io.bpfsh.shell.CommandException;
import io.bpfsh.shell.MapTypes;
import io.bpfsh.shell.Refs;
import io.bpfsh.shell.output.ByteOutput;
import io.bpfsh.shell.output.EntryPrinter;
import io.bpfsh.shell.output.JsonWriter;
import io.bpfsh.shell.output.Output;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "dump",
        description = {"Print every entry of a map, one a line, then the count.",
                "Maps with BTF types show keys and values by them: {pkts=2, bytes=200}, enums by name, "
                        + "char arrays as strings; global data (.data, .rodata, .bss) shows its variables "
                        + "by name. The types come from the module's object for MODULE:NAME and from the "
                        + "kernel's BTF for handles, ids and pin paths; info names them. Without types, keys "
                        + "and values of 1, 2, 4 or 8 bytes print as unsigned integers, others as hex:BYTES. "
                        + "Per-CPU maps show one value per possible CPU. With --json every entry keeps the "
                        + "raw \"key\" and \"value\" (\"values\" per CPU) and a typed map adds "
                        + "\"formatted\" with the typed forms, as bpftool does; floats that are NaN or "
                        + "infinite are the strings \"NaN\", \"Infinity\", \"-Infinity\". Entries are printed as they are "
                        + "read (batch lookups where the kernel has them), so a huge map dumps in bounded "
                        + "memory; Ctrl-C stops it. Ring buffers, queues, stacks and perf event arrays "
                        + "cannot be read element by element and are refused."},
        footer = {"  dump global:dummy_hash          a map of a loaded module",
                "  dump counter:pkt_counts         typed: key: 7  value: {pkts=2, bytes=200}",
                "  dump config:.data               global data: value: {seen=5}",
                "  dump ns1/globals/dummy_hash     a pin path, relative to the bpffs root",
                "  dump @counts                    a handle opened with get",
                "  dump id:42                      a map by kernel id"})
final class Dump extends ShellCommand {
    @Completes(ArgKind.MAP_REF)
    @Parameters(index = "0", paramLabel = "REF", description = "The map: MODULE:NAME, @NAME, id:N or a pin path.")
    private String ref;

    @Override
    protected void execute() throws EngineException {
        try (Refs.Resolved<BpfMap> r = Refs.map(session, ref, PinAccess.READ_ONLY)) {
            BpfMap map = r.object();
            EntryPrinter printer = new EntryPrinter(map, MapTypes.of(session, r, map));
            Output output = session.output();
            int keyStride = map.keySize();
            int valueStride = map.valueBufferSize();
            long n = 0;
            try (MapCursor c = map.entries()) { // before the '[': a map that cannot be dumped prints nothing
                JsonWriter w = json() ? output.json().beginArray() : null;
                ByteOutput text = w == null ? output.bytes() : null;
                try {
                    // a batch at a time, formatted from the cursor's buffers straight into the output's
                    for (int count = c.nextBatch(); count > 0 && !output.failed(); count = c.nextBatch()) {
                        byte[] keys = c.batchKeys();
                        byte[] values = c.batchValues();
                        for (int i = 0; i < count; i++, n++) {
                            if (session.isInterrupted()) {
                                throw new CommandException("dump " + ref + ": interrupted after " + entries(n));
                            }
                            if (w != null) {
                                printer.json(w, keys, i * keyStride, values, i * valueStride);
                            } else {
                                printer.text(text, keys, i * keyStride, values, i * valueStride);
                            }
                        }
                    }
                } catch (EngineException e) {
                    if (w != null) {
                        w.endArray().endDocument(); // what was printed stays one valid document
                    }
                    throw e;
                }
                if (w != null) {
                    w.endArray().endDocument();
                }
            }
            if (!json()) {
                out().println(entries(n));
            }
        }
    }

    static String entries(long n) {
        return n + (n == 1 ? " entry" : " entries");
    }
}
