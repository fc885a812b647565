package io.bpfsh.shell.commands;

import io.bpfsh.completions.ArgKind;
import io.bpfsh.completions.Completes;
import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.events.ProgramRunTimes;
import io.bpfsh.engine.sys.ProgRunStats;
import io.bpfsh.engine.sys.RunTimeStats;
import io.bpfsh.shell.CommandException;
import io.bpfsh.shell.output.JsonWriter;
import io.bpfsh.shell.output.Table;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "top",
        description = {"The kernel's BPF programs ranked by the CPU time they used in each interval, as bpftop shows them.",
                "Run counting is switched on (BPF_ENABLE_STATS) while top runs, and off after unless something "
                        + "else holds it; each snapshot lists the programs that ran in the interval: id, type, "
                        + "name, runs and run time in the interval, mean ns per run, and the totals since counting "
                        + "began. --count N prints N snapshots one after the other (the first after one "
                        + "interval); without it, until Ctrl-C. At the prompt the table refreshes in place. --json: one object a snapshot, "
                        + "{\"interval_ms\": 1000, \"programs\": [{\"id\": 7, \"type\": \"xdp\", \"name\": \"count\", "
                        + "\"runs\": 100, \"run_time_ns\": 3100, \"avg_ns\": 31, \"total_runs\": 400, \"total_run_time_ns\": 12000}]}."},
        footer = {"  top                                every second until Ctrl-C",
                "  top --interval 500ms --count 3     three snapshots half a second apart"})
final class Top extends ShellCommand {
    @Completes(ArgKind.TEXT)
    @Option(names = "--interval", paramLabel = "DURATION", description = "Time between snapshots: 1s (default), 500ms, 2m.")
    private String interval = "1s";

    @Completes(ArgKind.TEXT)
    @Option(names = "--count", paramLabel = "N", description = "Print N snapshots, then stop.")
    private Long count;

    @Override
    protected void execute() throws EngineException {
        long millis = Durations.millis("top", interval);
        if (count != null && count <= 0) {
            throw new CommandException("top: --count must be at least 1, not " + count);
        }
        try (RunTimeStats stats = RunTimeStats.enable(); LiveView view = LiveView.of(session, json())) {
            Map<Integer, ProgRunStats> last = byId(ProgramRunTimes.snapshot());
            for (long n = 0; count == null || n < count; n++) {
                if (!Durations.sleep(session, millis)) {
                    return;
                }
                List<ProgRunStats> now = ProgramRunTimes.snapshot();
                print(now, last, millis, view);
                last = byId(now);
            }
        }
    }

    private void print(List<ProgRunStats> now, Map<Integer, ProgRunStats> last, long millis, LiveView view) {
        List<ProgRunStats[]> ran = now.stream()
                .map(p -> new ProgRunStats[] {p, last.get(p.id())})
                .filter(pair -> runs(pair) > 0)
                .sorted((a, b) -> Long.compare(time(b), time(a)))
                .toList();
        if (json()) {
            JsonWriter w = jsonWriter().beginObject().field("interval_ms", millis).name("programs").beginArray();
            for (ProgRunStats[] pair : ran) {
                ProgRunStats p = pair[0];
                w.beginObject().field("id", p.id()).field("type", p.typeName()).field("name", p.name())
                        .field("runs", runs(pair)).field("run_time_ns", time(pair))
                        .field("avg_ns", time(pair) / runs(pair))
                        .field("total_runs", p.runCount()).field("total_run_time_ns", p.runTimeNanos()).endObject();
            }
            w.endArray().endObject().endDocument();
            return;
        }
        Table t = new Table("ID", "TYPE", "NAME", "RUNS", "TIME (ns)", "AVG (ns)", "TOTAL RUNS");
        for (ProgRunStats[] pair : ran) {
            ProgRunStats p = pair[0];
            t.row(p.id(), p.typeName(), p.name(), runs(pair), time(pair), time(pair) / runs(pair), p.runCount());
        }
        if (t.isEmpty()) {
            view.show(List.of("no program ran in the last " + millis + " ms"));
        } else {
            StringWriter table = new StringWriter();
            PrintWriter w = new PrintWriter(table);
            t.print(w);
            w.flush();
            view.show(table.toString().lines().toList());
        }
    }

    private static long runs(ProgRunStats[] pair) {
        return pair[0].runCount() - (pair[1] == null ? 0 : pair[1].runCount());
    }

    private static long time(ProgRunStats[] pair) {
        return pair[0].runTimeNanos() - (pair[1] == null ? 0 : pair[1].runTimeNanos());
    }

    private static Map<Integer, ProgRunStats> byId(List<ProgRunStats> all) {
        Map<Integer, ProgRunStats> m = new HashMap<>();
        all.forEach(p -> m.put(p.id(), p));
        return m;
    }
}
