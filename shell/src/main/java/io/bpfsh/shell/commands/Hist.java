package io.bpfsh.shell.commands;

import io.bpfsh.completions.ArgKind;
import io.bpfsh.completions.Completes;
import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.MapCursor;
import io.bpfsh.engine.sys.MapType;
import io.bpfsh.engine.sys.PinAccess;
import io.bpfsh.shell.CommandException;
import io.bpfsh.shell.MapTypes;
import io.bpfsh.shell.Refs;
import io.bpfsh.shell.data.DataFormat;
import io.bpfsh.shell.output.BarChart;
import io.bpfsh.shell.output.HistogramBuckets;
import io.bpfsh.shell.output.JsonWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "hist",
        description = {"Draw a map of counters as horizontal bars, with the counts and the total.",
                "An array is a histogram: index k is a bucket, by default log2 as bpftrace labels it (index 0 "
                        + "counts 0, index k counts [2^(k-1), 2^k): [0], [1], [2, 4), [8, 16), [1K, 2K)); "
                        + "--linear labels index k as [k], or [k*STEP, (k+1)*STEP) with --step. The buckets from the "
                        + "first to the last non-zero one are drawn. Any other map draws one bar per key, "
                        + "labelled by the key as dump shows it, largest first. Values are counters: unsigned "
                        + "integers of 1, 2, 4 or 8 bytes, per-CPU values summed. --top N keeps the N largest; "
                        + "--sort orders the bars by key or by value (largest first). --json gives the numbers: "
                        + "{\"total\": N, \"buckets\": [{\"label\": \"[2, 4)\", \"index\": 2, \"low\": 2, \"high\": 4, "
                        + "\"count\": 5}, ...]} (a hash's buckets carry \"key\" instead of index, low and high)."},
        footer = {"  hist m:latency_hist                    log2 buckets of the sample's latency histogram",
                "  hist m:latency_hist --top 3            the three fullest buckets",
                "  hist sizes --linear --step 64          an array whose index k counts [64k, 64k+64)",
                "  hist flows --sort key                  a hash of counters, one bar per key"})
final class Hist extends ShellCommand {
    @Completes(ArgKind.MAP_REF)
    @Parameters(index = "0", paramLabel = "REF", description = "The map of counters: MODULE:NAME, @NAME, id:N or a pin path.")
    private String ref;

    @ArgGroup(exclusive = true)
    private Scale scale = new Scale();

    /** --log2 or --linear; log2 when neither. */
    static final class Scale {
        @Completes(value = ArgKind.FLAG, offered = true)
        @Option(names = "--log2", description = "Array index k counts [2^(k-1), 2^k) (the default).")
        private boolean log2;

        @Completes(value = ArgKind.FLAG, offered = true)
        @Option(names = "--linear", description = "Array index k counts [k*STEP, (k+1)*STEP).")
        private boolean linear;
    }

    @Completes(ArgKind.TEXT)
    @Option(names = "--step", paramLabel = "STEP", description = "The width of a --linear bucket (default 1).")
    private long step = 1;

    @Completes(ArgKind.TEXT)
    @Option(names = "--top", paramLabel = "N", description = "Draw only the N largest.")
    private Integer top;

    /** The orders of --sort, as typed (picocli completes them). */
    enum Order { key, value }

    @Completes(ArgKind.TEXT)
    @Option(names = "--sort", paramLabel = "key|value", description = "Order the bars by key, or by value (largest first).")
    private Order sort;

    /** One bar and what it stands for. */
    private record Bucket(String label, long index, byte[] key, long count) {
    }

    @Override
    protected void execute() throws EngineException {
        if (top != null && top <= 0) {
            throw new CommandException("hist: --top must be at least 1, not " + top);
        }
        if (step <= 0) {
            throw new CommandException("hist: --step must be at least 1, not " + step);
        }
        try (Refs.Resolved<BpfMap> r = Refs.map(session, ref, PinAccess.READ_ONLY)) {
            BpfMap map = r.object();
            boolean array = map.type() == MapType.ARRAY || map.type() == MapType.PERCPU_ARRAY;
            if (!array && (scale.log2 || scale.linear || step != 1)) {
                throw new CommandException("hist " + ref + ": --log2, --linear and --step are for arrays; a "
                        + map.type().displayName() + " draws one bar per key");
            }
            if (array && !scale.linear && map.info().maxEntries() > 65) {
                // log2 of a 64-bit value has 65 buckets: a bigger array is not a log2 histogram
                throw new CommandException("hist " + ref + ": an array of " + map.info().maxEntries()
                        + " entries cannot be log2 buckets (at most 65); use --linear");
            }
            Counters.requireCounters(map, "hist", ref);
            KeylessMaps.requireKeyed(map, "hist", ref);
            MapTypes types = MapTypes.of(session, r, map);
            List<Bucket> buckets = read(map, types, array);
            if (array) {
                buckets = trimZeros(buckets);
            }
            if (top != null) {
                buckets = buckets.stream().sorted(Comparator.comparingLong(Bucket::count).reversed()).limit(top).toList();
            }
            boolean byValue = sort == null ? !array : sort == Order.value;
            buckets = new ArrayList<>(buckets);
            Comparator<Bucket> byKey = array ? Comparator.comparingLong(Bucket::index) : Hist::compareKeys;
            buckets.sort(byValue ? Comparator.comparingLong(Bucket::count).reversed().thenComparing(byKey) : byKey);
            long total = buckets.stream().mapToLong(Bucket::count).sum();
            if (json()) {
                json(buckets, total, array);
                return;
            }
            if (buckets.isEmpty()) {
                out().println("no counts in " + ref);
                return;
            }
            BarChart.print(out(), buckets.stream().map(b -> new BarChart.Bar(b.label(), b.count())).toList(),
                    BarChart.DEFAULT_WIDTH);
            long max = buckets.stream().mapToLong(Bucket::count).max().orElse(0);
            out().println("total " + total + ", the longest bar " + max);
        }
    }

    /**
     * A hash's keys in the order people read them: an integer key (8 bytes or less, little-endian) by its
     * unsigned value, a wider key byte by byte; never the kernel's iteration order, which is the hash's.
     */
    private static int compareKeys(Bucket a, Bucket b) {
        byte[] x = a.key();
        byte[] y = b.key();
        if (x.length <= 8 && x.length == y.length) {
            return Long.compareUnsigned(littleEndian(x), littleEndian(y));
        }
        return java.util.Arrays.compareUnsigned(x, y);
    }

    private static long littleEndian(byte[] b) {
        long v = 0;
        for (int i = b.length - 1; i >= 0; i--) {
            v = (v << 8) | (b[i] & 0xff);
        }
        return v;
    }

    private List<Bucket> read(BpfMap map, MapTypes types, boolean array) throws EngineException {
        List<Bucket> out = new ArrayList<>();
        long i = 0;
        try (MapCursor c = map.entries()) {
            while (c.next()) {
                if (session.isInterrupted()) {
                    throw new CommandException("hist " + ref + ": interrupted");
                }
                long count = Counters.sum(map, c.value());
                if (array) {
                    long k = Integer.toUnsignedLong(java.nio.ByteBuffer.wrap(c.key())
                            .order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt());
                    String label = scale.linear ? HistogramBuckets.linearLabel(k, step) : HistogramBuckets.log2Label((int) k);
                    out.add(new Bucket(label, k, c.key(), count));
                } else if (count != 0) {
                    out.add(new Bucket(types.keyText(c.key(), 0, map.keySize()), i++, c.key(), count));
                }
            }
        }
        return out;
    }

    private static List<Bucket> trimZeros(List<Bucket> all) {
        int first = 0;
        int last = all.size() - 1;
        while (first <= last && all.get(first).count() == 0) {
            first++;
        }
        while (last >= first && all.get(last).count() == 0) {
            last--;
        }
        return all.subList(first, last + 1);
    }

    private void json(List<Bucket> buckets, long total, boolean array) {
        JsonWriter w = jsonWriter().beginObject().field("total", total).name("buckets").beginArray();
        for (Bucket b : buckets) {
            w.beginObject().field("label", b.label());
            if (array) {
                w.field("index", b.index());
                if (scale.linear) {
                    w.field("low", b.index() * step).field("high", (b.index() + 1) * step);
                } else {
                    w.name("low").number(Long.toUnsignedString(HistogramBuckets.log2Lower((int) b.index())));
                    w.name("high").number(BigInteger.ONE.shiftLeft((int) b.index()).toString());
                }
            } else {
                w.name("key");
                DataFormat.json(w, b.key());
            }
            w.field("count", b.count()).endObject();
        }
        w.endArray().endObject().endDocument();
    }
}
