package io.bpfsh.shell.commands;

import io.bpfsh.completions.ArgKind;
import io.bpfsh.completions.Completes;
import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.events.EventReader;
import io.bpfsh.engine.events.EventRecord;
import io.bpfsh.engine.events.RecordType;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.PinAccess;
import io.bpfsh.shell.CommandException;
import io.bpfsh.shell.Refs;
import io.bpfsh.shell.output.EventPrinter;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "events",
        description = {"Stream the records BPF programs send through a ring buffer or a perf event array, "
                + "each printed as it arrives.",
                "With --type the records show by a BTF type of the module ({seq=0, len=64}); without it "
                        + "raw, as dump shows values. Records of a perf event array start with the CPU that "
                        + "sent them, and the kernel's reports of records lost because the reader fell behind "
                        + "are printed where they arrive (lost 72 records on cpu 0) and counted at the end. "
                        + "--json prints one object a line, flushed at once, never an array: "
                        + "{\"cpu\": 0, \"data\": \"HEX\", \"formatted\": {...}} and {\"lost\": N, \"cpu\": C}. "
                        + "It stops at --limit records, after --timeout seconds, "
                        + "at Ctrl-C (back to the prompt), or when no loaded program refers to the map any "
                        + "more and it is drained: nothing else can arrive then. A perf event array's slots "
                        + "are taken over while it runs (one ring per online CPU) and emptied after."},
        footer = {"  events m:ring --type 'struct event'             typed records of a ring buffer",
                "  events m:events --limit 10                     ten raw records of a perf event array",
                "  events ring --timeout 5                        a pinned ring buffer, for five seconds",
                "  bpfsh --json -c 'events m:ring --type event' | jq .formatted.seq"})
final class Events extends ShellCommand {
    /** How long one wait lasts, so that Ctrl-C and the end of the writers are seen promptly. */
    private static final Duration SLICE = Duration.ofMillis(200);
    /** How often a quiet stream asks whether any program still refers to the map. */
    private static final long WRITERS_CHECK_NANOS = 1_000_000_000L;

    @Completes(ArgKind.MAP_REF)
    @Parameters(index = "0", paramLabel = "REF",
            description = "The ringbuf or perf_event_array map: MODULE:NAME, @NAME, id:N or a pin path.")
    private String ref;

    @Completes(ArgKind.RECORD_TYPE)
    @Option(names = "--type", paramLabel = "TYPE",
            description = "A BTF type of the module to show each record by, e.g. 'struct event'.")
    private String type;

    @Completes(ArgKind.TEXT)
    @Option(names = "--limit", paramLabel = "N", description = "Stop after N records.")
    private Long limit;

    @Completes(ArgKind.TEXT)
    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Stop after this many seconds (0.5 is half a second).")
    private Double timeout;

    @Override
    protected void execute() throws EngineException {
        if (limit != null && limit <= 0) {
            throw new CommandException("events: --limit must be at least 1, not " + limit);
        }
        if (timeout != null && !(timeout >= 0)) {
            throw new CommandException("events: --timeout must be a number of seconds, not " + timeout);
        }
        // perf arrays get their slots set, and a ring buffer's consumer page is written: both need write access
        try (Refs.Resolved<BpfMap> r = Refs.map(session, ref, PinAccess.READ_WRITE)) {
            RecordType recordType = type == null ? null : RecordTypes.of(r, ref, type);
            EventPrinter printer = new EventPrinter(session.output(), recordType, json());
            long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + (long) (timeout * 1e9);
            long records = 0;
            String end = null;
            try (EventReader reader = EventReader.open(r.object())) {
                long nextWritersCheck = System.nanoTime() + WRITERS_CHECK_NANOS;
                while (limit == null || records < limit) {
                    if (session.clearInterrupt()) {
                        end = "stopped";
                        break;
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        end = "timed out";
                        break;
                    }
                    int max = limit == null ? 1024 : (int) Math.min(1024, limit - records);
                    List<EventRecord> got = reader.read(max, left < SLICE.toNanos() ? Duration.ofNanos(left) : SLICE);
                    for (EventRecord rec : got) {
                        printer.print(rec);
                        if (rec instanceof EventRecord.Sample) {
                            records++;
                        }
                    }
                    if (got.isEmpty() && System.nanoTime() >= nextWritersCheck) {
                        if (reader.writersGone()) {
                            end = "no program refers to " + r.object().describe() + " any more";
                            break;
                        }
                        nextWritersCheck = System.nanoTime() + WRITERS_CHECK_NANOS;
                    }
                }
                long lost = reader.lostRecords();
                if (!json()) {
                    out().println(records + (records == 1 ? " record" : " records")
                            + (lost > 0 ? ", " + lost + " lost" : "") + (end == null ? "" : " (" + end + ")"));
                }
            }
        }
    }
}
