package io.bpfsh.shell.commands;

import io.bpfsh.completions.ArgKind;
import io.bpfsh.completions.Completes;
import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.run.MapChange;
import io.bpfsh.engine.run.ProgramRun;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.BpfProgram;
import io.bpfsh.engine.sys.PinAccess;
import io.bpfsh.engine.sys.ReturnValueNames;
import io.bpfsh.engine.sys.TestRunInput;
import io.bpfsh.engine.sys.TestRunResult;
import io.bpfsh.shell.CommandException;
import io.bpfsh.shell.MapTypes;
import io.bpfsh.shell.Refs;
import io.bpfsh.shell.data.DataLiteral;
import io.bpfsh.shell.output.EntryPrinter;
import io.bpfsh.shell.output.HexDiff;
import io.bpfsh.shell.output.JsonWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run",
        description = {"Test-run a program in the kernel (BPF_PROG_TEST_RUN) and show what it returned.",
                "Prints the return value with its name for the program's type (XDP_PASS, XDP_DROP, TC_ACT_OK, "
                        + "TC_ACT_SHOT, ...), the mean duration over the runs, and the packet after the run: "
                        + "unchanged, or the rows that changed as a hex diff (- before, + after). Packet "
                        + "programs (xdp, tc, socket filters, cgroup_skb) need --data of at least 14 bytes (an "
                        + "Ethernet header); raw tracepoints take --ctx only; kprobes and tracepoints cannot "
                        + "be test-run. --show-maps also prints the entries of the program's maps that the run "
                        + "changed. --json: {\"retval\": N, \"retval_name\": \"...\", \"duration_ns\": N, "
                        + "\"data_out\": \"HEX\", ...}."},
        footer = {"  load samples/xdp_filter.o --as filter",
                "  run filter:xdp --data-file samples/packets/udp_discard.bin --show-maps    XDP_DROP",
                "  run filter:xdp --data-file samples/packets/udp_dns.bin --repeat 1000      XDP_PASS",
                "  run filter:xdp --data hex:0000000000000000000000000000    an Ethernet header alone",
                "  run id:42 --ctx hex:2a00000000000000      a raw tracepoint program's first argument",
                "  run filter:xdp --data-file samples/packets/udp_dns.bin --json"})
final class Run extends ShellCommand {
    @Completes(ArgKind.PROG_REF)
    @Parameters(index = "0", paramLabel = "REF",
            description = "The program: MODULE:SECTION, @NAME, id:N or a pin path.")
    private String ref;

    @ArgGroup(exclusive = true)
    private DataSource data;

    static final class DataSource {
        @Completes(ArgKind.TEXT)
        @Option(names = "--data", paramLabel = "hex:BYTES", description = "The packet, as hex:BYTES.")
        String hex;

        @Completes(ArgKind.HOST_FILE)
        @Option(names = "--data-file", paramLabel = "FILE", description = "The packet: the bytes of a file.")
        String file;
    }

    @Completes(ArgKind.TEXT)
    @Option(names = "--ctx", paramLabel = "hex:BYTES",
            description = "The context: xdp_md, __sk_buff or a raw tracepoint's arguments, as hex:BYTES.")
    private String ctx;

    @Completes(ArgKind.TEXT)
    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
            description = "Run N times; the duration is the mean (default 1).")
    private int repeat;

    @Completes(ArgKind.TEXT)
    @Option(names = "--cpu", paramLabel = "N", description = "Run on this CPU (raw tracepoints).")
    private Integer cpu;

    @Completes(ArgKind.FLAG)
    @Option(names = "--show-maps", description = "Also print the entries of the program's maps that the run changed.")
    private boolean showMaps;

    /** A packet larger than this is surely a mistake (the kernel's own limit is about a page plus frags). */
    private static final long MAX_DATA_FILE = 1 << 20;

    @Override
    protected void execute() throws EngineException {
        if (repeat < 1) {
            throw new CommandException("--repeat " + repeat + ": give a number of runs, 1 or more");
        }
        byte[] packet = packet();
        TestRunInput in = TestRunInput.ofData(packet).withRepeat(repeat);
        if (ctx != null) {
            byte[] c = DataLiteral.hexBytes(ctx, "--ctx");
            in = packet.length == 0 ? TestRunInput.ofCtx(c).withRepeat(repeat) : in.withCtx(c);
        }
        if (cpu != null) {
            in = in.onCpu(cpu);
        }
        try (Refs.Resolved<BpfProgram> r = Refs.program(session, ref)) {
            BpfProgram prog = r.object();
            ProgramRun.Outcome outcome = ProgramRun.of(prog, in, showMaps);
            Optional<String> name = ReturnValueNames.of(prog.type(), outcome.result().returnValue());
            if (json()) {
                printJson(packet, outcome, name);
            } else {
                printText(packet, outcome, name);
            }
        }
    }

    private static boolean changed(byte[] packet, TestRunResult res) {
        return !Arrays.equals(packet, res.dataOut()) || res.dataOutTruncated();
    }

    private void printJson(byte[] packet, ProgramRun.Outcome outcome, Optional<String> name) {
        TestRunResult res = outcome.result();
        JsonWriter w = jsonWriter().beginObject()
                .field("retval", Integer.toUnsignedLong(res.returnValue()))
                .field("retval_name", name.orElse(null))
                .field("duration_ns", res.durationNanos())
                .field("repeat", repeat);
        if (packet.length > 0) {
            w.field("data_out", HexFormat.of().formatHex(res.dataOut()))
                    .field("data_size_out", Integer.toUnsignedLong(res.dataSizeOut()))
                    .field("data_changed", changed(packet, res))
                    .field("data_out_truncated", res.dataOutTruncated());
        }
        if (res.ctxOut().length > 0) {
            w.field("ctx_out", HexFormat.of().formatHex(res.ctxOut()));
        }
        if (showMaps) {
            w.name("map_changes").beginArray();
            for (MapChange c : outcome.changes()) {
                w.beginObject().field("map", c.mapName()).field("map_id", c.mapId())
                        .field("key", HexFormat.of().formatHex(c.key()))
                        .field("before", c.before() == null ? null : HexFormat.of().formatHex(c.before()))
                        .field("after", c.after() == null ? null : HexFormat.of().formatHex(c.after()))
                        .endObject();
            }
            w.endArray().name("notes").beginArray();
            outcome.notes().forEach(w::value);
            w.endArray();
        }
        w.endObject().endDocument();
    }

    private void printText(byte[] packet, ProgramRun.Outcome outcome, Optional<String> name) throws EngineException {
        TestRunResult res = outcome.result();
        PrintWriter out = out();
        out.println("retval " + Integer.toUnsignedString(res.returnValue()) + name.map(n -> " (" + n + ")").orElse("")
                + ", " + (repeat == 1 ? "1 run" : repeat + " runs") + ", mean " + res.durationNanos() + " ns");
        if (packet.length > 0 && !changed(packet, res)) {
            out.println("data out: " + DataLiteral.bytes(packet.length) + ", unchanged");
        } else if (packet.length > 0) {
            long size = Integer.toUnsignedLong(res.dataSizeOut());
            out.println("data out: " + size + " bytes" + (size != packet.length ? " (was " + packet.length + ")" : "")
                    + ", changed" + (res.dataOutTruncated() ? " (only the first " + res.dataOut().length
                    + " bytes were copied back)" : "") + ":");
            HexDiff.print(out, packet, res.dataOut());
        }
        if (res.ctxOut().length > 0) {
            out.println("ctx out: " + HexFormat.of().formatHex(res.ctxOut()));
        }
        if (showMaps) {
            printChanges(out, outcome);
        }
    }

    /** Each changed entry as dump shows it (typed where the map has BTF): "map verdicts: key: 1  value: 0 -> 1". */
    private void printChanges(PrintWriter out, ProgramRun.Outcome outcome) throws EngineException {
        if (outcome.changes().isEmpty()) {
            out.println("maps: no entry changed");
        }
        Map<Integer, List<MapChange>> byMap = new LinkedHashMap<>();
        outcome.changes().forEach(c -> byMap.computeIfAbsent(c.mapId(), k -> new ArrayList<>()).add(c));
        for (Map.Entry<Integer, List<MapChange>> e : byMap.entrySet()) {
            try (Refs.Resolved<BpfMap> r = Refs.map(session, "id:" + e.getKey(), PinAccess.READ_ONLY)) {
                EntryPrinter printer = new EntryPrinter(r.object(), MapTypes.of(session, r, r.object()));
                for (MapChange c : e.getValue()) {
                    String what = c.added() ? "added " + printer.text(c.key(), c.after())
                            : c.removed() ? "removed " + printer.text(c.key(), c.before())
                            : printer.text(c.key(), c.before()) + " -> " + printer.valueText(c.after());
                    out.println("map " + c.mapName() + ": " + what);
                }
            }
        }
        outcome.notes().forEach(n -> out.println("note: " + n));
    }

    private byte[] packet() throws CommandException {
        if (data == null) {
            return new byte[0];
        }
        if (data.hex != null) {
            return DataLiteral.hexBytes(data.hex, "--data");
        }
        Path f = session.resolveFile(data.file);
        try {
            if (Files.size(f) > MAX_DATA_FILE) {
                throw new CommandException("--data-file " + data.file + ": " + Files.size(f)
                        + " bytes, more than a test run takes (" + MAX_DATA_FILE + ")");
            }
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new CommandException("--data-file " + data.file + ": cannot read it (" + e.getMessage() + ")");
        }
    }
}
