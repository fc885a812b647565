package io.bpfsh.completions;

import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.BpfObject;
import io.bpfsh.engine.sys.BpfProgram;
import io.bpfsh.engine.sys.MapAttributes;
import io.bpfsh.engine.sys.MapType;
import io.bpfsh.engine.sys.ProgType;
import io.bpfsh.engine.sys.ProgramLoadAttributes;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.TestBpffs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Times completion on a bpffs directory of 10,000 pins and prints median, p95 and max. It asserts
 * nothing about time: figures depend on the machine, so they are read, not tested. Left out of the
 * default test run (tag "benchmark"); run it with completions/bench.sh.
 *
 * <p>Settings (system properties): bench.pins (10000), bench.runs (200).
 */
@KernelTest
@Tag("benchmark")
class CompletionBenchmark {
    private static final int PINS = Integer.getInteger("bench.pins", 10_000);
    private static final int RUNS = Integer.getInteger("bench.runs", 200);

    @Test
    void completionOnABigDirectory() throws Exception {
        List<BpfObject> objects = new ArrayList<>();
        try (TestBpffs t = new TestBpffs("CompletionBenchmark")) {
            Path big = Files.createDirectory(t.root().resolve("big"));
            objects.add(BpfMap.create(MapAttributes.of(MapType.HASH, 4, 8, 16)));
            objects.add(BpfMap.create(MapAttributes.of(MapType.ARRAY, 4, 8, 16)));
            objects.add(BpfMap.create(MapAttributes.of(MapType.LRU_HASH, 4, 8, 16)));
            objects.add(BpfProgram.load(ProgramLoadAttributes.of(ProgType.SOCKET_FILTER, BpffsTree.RETURN_ZERO, "GPL"), "bench"));
            long t0 = System.nanoTime();
            for (int i = 0; i < PINS; i++) {
                objects.get(i % objects.size()).pin(big.resolve(String.format(Locale.ROOT, "pin%05d", i)).toString());
            }
            System.out.printf(Locale.ROOT, "bench: %d pins (3 map types and a program) under %s, pinned in %.0f ms; %d runs each%n",
                    PINS, big, (System.nanoTime() - t0) / 1e6, RUNS);
            FakeSessionView view = new FakeSessionView(t.root()).module("m", List.of("counter"), List.of("xdp"), List.of());
            Supplier<BpfshCompleter> fresh = () -> new BpfshCompleter(PathCommands.TABLE, view);
            BpfshCompleter shared = new BpfshCompleter(PathCommands.TABLE, view);

            firstCall(view, "ls big/");
            System.out.printf(Locale.ROOT, "bench: %-44s %8s %8s %8s %11s %9s%n", "BpfshCompleter.complete(), ms",
                    "median", "p95", "max", "candidates", "labelled");
            time("ls big/        first TAB (no cache)", fresh, "ls big/");
            time("ls big/        later TABs (cache)", () -> shared, "ls big/");
            time("dump big/      first TAB (maps only)", fresh, "dump big/");
            time("info big/pin09 first TAB (1,000 match)", fresh, "info big/pin09");
            time("ls big/pin0999 first TAB (10 match)", fresh, "ls big/pin0999");
            time("info id:       first TAB (live ids)", fresh, "info id:");
            System.out.printf(Locale.ROOT, "bench: %-44s %8s %8s %8s%n", "whole TAB in a LineReader (no cache), ms",
                    "median", "p95", "max");
            timeLineReader(view, "ls big/pin09999\t\n");
            timeLineReader(view, "ls big/\tn\n");
        } finally {
            for (BpfObject o : objects) {
                o.close();
            }
        }
    }

    /** The very first completion in this JVM: class loading, JNA's libc binding, JIT not yet at work. */
    private static void firstCall(FakeSessionView view, String line) throws Exception {
        Parser parser = new DefaultParser();
        try (Terminal terminal = TerminalBuilder.builder().dumb(true)
                .streams(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream()).build()) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).parser(parser).build();
            ParsedLine parsed = parser.parse(line, line.length(), Parser.ParseContext.COMPLETE);
            long s = System.nanoTime();
            new BpfshCompleter(PathCommands.TABLE, view).complete(reader, parsed, new ArrayList<>());
            System.out.printf(Locale.ROOT, "bench: the first completion in this JVM ('%s'): %.1f ms%n", line,
                    (System.nanoTime() - s) / 1e6);
        }
    }

    private static void time(String label, Supplier<BpfshCompleter> completers, String line) throws Exception {
        Parser parser = new DefaultParser();
        try (Terminal terminal = TerminalBuilder.builder().dumb(true)
                .streams(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream()).build()) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).parser(parser).build();
            ParsedLine parsed = parser.parse(line, line.length(), Parser.ParseContext.COMPLETE);
            int warmup = Math.min(20, RUNS);
            for (int i = 0; i < warmup; i++) {
                completers.get().complete(reader, parsed, new ArrayList<>());
            }
            long[] nanos = new long[RUNS];
            int candidates = 0;
            int labelled = 0;
            for (int i = 0; i < RUNS; i++) {
                BpfshCompleter c = completers.get();
                List<Candidate> out = new ArrayList<>(PINS + 16);
                long s = System.nanoTime();
                c.complete(reader, parsed, out);
                nanos[i] = System.nanoTime() - s;
                candidates = out.size();
                labelled = (int) out.stream().filter(x -> x.descr() != null).count();
            }
            print(label, nanos, candidates + "", labelled + "");
        }
    }

    /** The whole TAB as the user waits for it: parse, complete, JLine's matching of 10,000 candidates, redraw. */
    private static void timeLineReader(FakeSessionView view, String keys) throws Exception {
        long[] nanos = new long[RUNS];
        String line = null;
        for (int i = -Math.min(20, RUNS); i < RUNS; i++) {
            try (Terminal terminal = TerminalBuilder.builder().dumb(true)
                    .streams(new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream())
                    .build()) {
                LineReader reader = LineReaderBuilder.builder().terminal(terminal).parser(new DefaultParser())
                        .completer(new BpfshCompleter(PathCommands.TABLE, view)).build();
                long s = System.nanoTime();
                line = reader.readLine("bpfsh> ");
                if (i >= 0) {
                    nanos[i] = System.nanoTime() - s;
                }
            }
        }
        print("'" + keys.replace("\t", "<TAB>").replace("\n", "<RET>") + "' -> '" + line + "'", nanos, "", "");
    }

    private static void print(String label, long[] nanos, String candidates, String labelled) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        double median = s[s.length / 2] / 1e6;
        double p95 = s[Math.min(s.length - 1, (int) Math.ceil(s.length * 0.95) - 1)] / 1e6;
        double max = s[s.length - 1] / 1e6;
        System.out.printf(Locale.ROOT, "bench: %-44s %8.1f %8.1f %8.1f %11s %9s%n", label, median, p95, max, candidates, labelled);
    }
}
