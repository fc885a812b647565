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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "dump",
        description = {"Print every entry of a map, one a line, then the count.",
                "Maps with BTF types show keys and values by them: {pkts=2, bytes=200}, enums by name, "
                        + "char arrays as strings; global data (.data, .rodata, .bss) shows its variables "
                        + "by name. The types come from the module's object for MODULE:NAME and from the "
                        + "kernel's BTF for handles, ids and pin paths; info names them. Without types, keys "
                        + "and values of 1, 2, 4 or 8 bytes print as unsigned integers, others as hex:BYTES. "
                        + "Per-CPU maps show one value per possible CPU, or with --sum-cpus their sum (field by field for "
                        + "typed values). --nonzero leaves out entries whose value is all zero bytes; --limit N stops "
                        + "after N printed entries. With --json every entry keeps the "
                        + "raw \"key\" and \"value\" (\"values\" per CPU) and a typed map adds "
                        + "\"formatted\" with the typed forms, as bpftool does; floats that are NaN or "
                        + "infinite are the strings \"NaN\", \"Infinity\", \"-Infinity\". Entries are printed as they are "
                        + "read (batch lookups where the kernel has them), so a huge map dumps in bounded "
                        + "memory; Ctrl-C stops it. Queues, stacks and bloom filters cannot be listed without "
                        + "taking their elements out (the kernel has no iteration for them), and ring buffers and "
                        + "perf event arrays carry records: dump says so and names what applies (pop, peek, events)."},
        footer = {"  dump global:dummy_hash          a map of a loaded module",
                "  dump m:latency_hist --nonzero --limit 5   the first five non-zero entries",
                "  dump stats --sum-cpus           a per-CPU map, one summed value per key",
                "  dump counter:pkt_counts         typed: key: 7  value: {pkts=2, bytes=200}",
                "  dump config:.data               global data: value: {seen=5}",
                "  dump ns1/globals/dummy_hash     a pin path, relative to the bpffs root",
                "  dump @counts                    a handle opened with get",
                "  dump id:42                      a map by kernel id"})
final class Dump extends ShellCommand {
    @Completes(ArgKind.MAP_REF)
    @Parameters(index = "0", paramLabel = "REF", description = "The map: MODULE:NAME, @NAME, id:N or a pin path.")
    private String ref;

    @Completes(ArgKind.TEXT)
    @Option(names = "--limit", paramLabel = "N", description = "Print at most N entries.")
    private Long limit;

    @Mixin
    private SumCpusOption sum;

    @Completes(value = ArgKind.FLAG, offered = true)
    @Option(names = "--nonzero", description = "Leave out entries whose value is all zero bytes (on every CPU).")
    private boolean nonzero;

    @Override
    protected void execute() throws EngineException {
        if (limit != null && limit < 0) {
            throw new CommandException("dump: --limit must be 0 or more, not " + limit);
        }
        try (Refs.Resolved<BpfMap> r = Refs.map(session, ref, PinAccess.READ_ONLY)) {
            BpfMap map = r.object();
            KeylessMaps.requireKeyed(map, "dump", ref);
            MapTypes types = MapTypes.of(session, r, map);
            sum.check(map, types, "dump", ref);
            EntryPrinter printer = new EntryPrinter(map, types, sum.sumCpus);
            Output output = session.output();
            int keyStride = map.keySize();
            int valueStride = map.valueBufferSize();
            long n = 0;
            boolean cut = false;
            try (MapCursor c = map.entries()) { // before the '[': a map that cannot be dumped prints nothing
                JsonWriter w = json() ? output.json().beginArray() : null;
                ByteOutput text = w == null ? output.bytes() : null;
                try {
                    // a batch at a time, formatted from the cursor's buffers straight into the output's
                    batches:
                    for (int count = c.nextBatch(); count > 0 && !output.failed(); count = c.nextBatch()) {
                        byte[] keys = c.batchKeys();
                        byte[] values = c.batchValues();
                        for (int i = 0; i < count; i++) {
                            if (nonzero && allZero(values, i * valueStride, valueStride)) {
                                continue;
                            }
                            if (limit != null && n >= limit) {
                                cut = true;
                                break batches;
                            }
                            if (session.isInterrupted()) {
                                throw new CommandException("dump " + ref + ": interrupted after " + entries(n));
                            }
                            if (w != null) {
                                printer.json(w, keys, i * keyStride, values, i * valueStride);
                            } else {
                                printer.text(text, keys, i * keyStride, values, i * valueStride);
                            }
                            n++;
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
                out().println(entries(n) + (cut ? " (--limit " + limit + "; there are more)" : ""));
            }
        }
    }

    private static boolean allZero(byte[] b, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    static String entries(long n) {
        return n + (n == 1 ? " entry" : " entries");
    }
}
