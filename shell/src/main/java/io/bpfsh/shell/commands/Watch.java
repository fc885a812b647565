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
import io.bpfsh.shell.data.LiteralArg;
import io.bpfsh.shell.output.JsonWriter;
import io.bpfsh.shell.output.ValueDelta;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "watch",
        description = {"Show a map, or chosen keys of it, again at every interval, with the change since the last "
                + "snapshot and the rate per second.",
                "At the prompt the view refreshes in place until Ctrl-C; in a batch, or when the output is not a "
                        + "terminal, --count N snapshots are printed one after the other. Each snapshot opens the REF "
                        + "again, so a pin that now holds another map (a program reloaded under you) is seen and "
                        + "flagged with both ids. A hash map shows its fill level (entries / max entries). --delta "
                        + "shows the change instead of the value, --changed only the entries that changed, "
                        + "--sum-cpus one value per entry for per-CPU maps (the sum over CPUs). Changes are taken "
                        + "field by field for typed values ({pkts=+5, bytes=+320}). At most 10,000 entries are "
                        + "shown. --json: one object a snapshot, {\"snapshot\": 1, \"map_id\": N, \"entries\": "
                        + "[{\"key\": K, \"value\": V, \"delta\": D, \"rate\": R}]}, with values as dump's "
                        + "\"formatted\" forms, or raw when the map has no types."},
        footer = {"  watch counter:pkt_counts                    the whole map, every second",
                "  watch counter:pkt_counts 7 --interval 500ms  one key, twice a second",
                "  watch m:counts --count 3 --delta             in a batch: three snapshots of the changes",
                "  watch stats --sum-cpus --changed             a pinned per-CPU map, summed, changes only"})
final class Watch extends ShellCommand {
    static final int MAX_ENTRIES = 10_000;

    @Completes(ArgKind.MAP_REF)
    @Parameters(index = "0", paramLabel = "REF", description = "The map: MODULE:NAME, @NAME, id:N or a pin path.")
    private String ref;

    @Completes(ArgKind.TEXT)
    @Parameters(index = "1..*", arity = "0..*", paramLabel = "KEY", parameterConsumer = LiteralConsumer.class,
            description = "Keys to watch; all entries when none.")
    private List<LiteralArg> keys = new ArrayList<>();

    @Completes(ArgKind.TEXT)
    @Option(names = "--interval", paramLabel = "DURATION", description = "Time between snapshots: 1s (default), 500ms, 2m.")
    private String interval = "1s";

    @Completes(ArgKind.TEXT)
    @Option(names = "--count", paramLabel = "N", description = "Take N snapshots, then stop.")
    private Long count;

    @Completes(value = ArgKind.FLAG, offered = true)
    @Option(names = "--delta", description = "Show the change since the last snapshot instead of the value.")
    private boolean delta;

    @Completes(value = ArgKind.FLAG, offered = true)
    @Option(names = "--changed", description = "Show only entries that changed since the last snapshot.")
    private boolean changed;

    @Mixin
    private SumCpusOption sum;

    /** One entry of a snapshot: how its key shows, its raw key, and its value as a tree. */
    private record Entry(String keyText, Object keyJson, Object value) {
    }

    /** One reading of the map. */
    private record Snapshot(int mapId, long nanos, int entries, int maxEntries, boolean fillLevel, Map<String, Entry> byKey) {
    }

    @Override
    protected void execute() throws EngineException {
        long millis = Durations.millis("watch", interval);
        if (count != null && count <= 0) {
            throw new CommandException("watch: --count must be at least 1, not " + count);
        }
        LiveView view = LiveView.of(session, json());
        try {
            Snapshot last = null;
            int firstId = 0;
            for (long n = 1; count == null || n <= count; n++) {
                if (n > 1 && !Durations.sleep(session, millis)) {
                    return;
                }
                Snapshot now = read();
                if (n == 1) {
                    firstId = now.mapId();
                }
                List<String> lines = new ArrayList<>();
                if (json()) {
                    json(n, now, last, firstId);
                } else {
                    text(n, now, last, firstId, lines);
                    view.show(lines);
                }
                last = now;
            }
        } finally {
            view.close();
        }
    }

    private Snapshot read() throws EngineException {
        try (Refs.Resolved<BpfMap> r = Refs.map(session, ref, PinAccess.READ_ONLY)) {
            BpfMap map = r.object();
            KeylessMaps.requireKeyed(map, "watch", ref);
            MapTypes types = MapTypes.of(session, r, map);
            sum.check(map, types, "watch", ref);
            ValueTrees trees = new ValueTrees(map, types, sum.sumCpus);
            Map<String, Entry> byKey = new LinkedHashMap<>();
            int total = 0;
            if (!keys.isEmpty()) {
                for (LiteralArg k : keys) {
                    byte[] key = types.key(k, map.keySize());
                    byte[] v = map.lookup(key);
                    byKey.put(types.keyText(key, 0, map.keySize()), new Entry(types.keyText(key, 0, map.keySize()),
                            trees.key(key), v == null ? null : trees.value(v)));
                }
                total = byKey.size();
            } else {
                try (MapCursor c = map.entries()) {
                    while (c.next()) {
                        total++;
                        if (byKey.size() < MAX_ENTRIES) {
                            String kt = types.keyText(c.key(), 0, map.keySize());
                            byKey.put(kt, new Entry(kt, trees.key(c.key()), trees.value(c.value())));
                        }
                    }
                }
            }
            boolean fill = map.type() != null && map.type().displayName().contains("hash");
            return new Snapshot(map.id(), System.nanoTime(), total, map.info().maxEntries(), fill, byKey);
        }
    }

    private void text(long n, Snapshot now, Snapshot last, int firstId, List<String> lines) {
        StringBuilder head = new StringBuilder(ref).append(" (map id ").append(now.mapId()).append(")  ")
                .append(LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss.SSS")))
                .append("  snapshot ").append(n).append(count == null ? "" : "/" + count);
        if (now.fillLevel()) {
            head.append("  entries ").append(now.entries()).append('/').append(now.maxEntries());
        }
        lines.add(head.toString());
        if (now.mapId() != firstId) {
            lines.add("! " + ref + " now holds map id " + now.mapId() + ", not " + firstId
                    + " (reloaded?): changes are from the new map");
        }
        boolean comparable = last != null && last.mapId() == now.mapId();
        double seconds = comparable ? (now.nanos() - last.nanos()) / 1e9 : 0;
        for (Entry e : now.byKey().values()) {
            Entry before = comparable ? last.byKey().get(e.keyText()) : null;
            Object d = before == null || e.value() == null || before.value() == null ? null
                    : ValueDelta.of(before.value(), e.value());
            if (changed && comparable && (d != null && ValueDelta.isZero(d))) {
                continue;
            }
            StringBuilder line = new StringBuilder("key: ").append(e.keyText());
            if (e.value() == null) {
                lines.add(line.append("  (not in the map)").toString());
                continue;
            }
            if (delta) {
                line.append("  change: ").append(d == null ? "-" : ValueDelta.text(d));
            } else {
                line.append("  value: ").append(ValueDelta.plain(e.value()));
                if (d != null) {
                    line.append("  (").append(ValueDelta.text(d)).append(", ")
                            .append(ValueDelta.text(ValueDelta.perSecond(d, seconds))).append(')');
                }
            }
            lines.add(line.toString());
        }
        if (now.entries() > now.byKey().size()) {
            lines.add("(" + (now.entries() - now.byKey().size()) + " more entries not shown)");
        }
    }

    private void json(long n, Snapshot now, Snapshot last, int firstId) {
        boolean comparable = last != null && last.mapId() == now.mapId();
        double seconds = comparable ? (now.nanos() - last.nanos()) / 1e9 : 0;
        JsonWriter w = jsonWriter().beginObject().field("snapshot", n).field("map_id", now.mapId())
                .field("reloaded", now.mapId() != firstId);
        if (now.fillLevel()) {
            w.field("entries_used", now.entries()).field("max_entries", now.maxEntries());
        }
        w.name("entries").beginArray();
        for (Entry e : now.byKey().values()) {
            Entry before = comparable ? last.byKey().get(e.keyText()) : null;
            Object d = before == null || e.value() == null || before.value() == null ? null
                    : ValueDelta.of(before.value(), e.value());
            if (changed && d != null && ValueDelta.isZero(d)) {
                continue;
            }
            w.beginObject().name("key").tree(e.keyJson()).name("value");
            if (e.value() == null) {
                w.nullValue();
            } else {
                w.tree(e.value());
            }
            if (d != null) {
                w.name("delta").tree(d).name("rate").tree(ValueDelta.perSecond(d, seconds));
            }
            w.endObject();
        }
        w.endArray().endObject().endDocument();
    }
}
