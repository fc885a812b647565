package io.bpfsh.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.BpfProgram;
import io.bpfsh.engine.sys.MapAttributes;
import io.bpfsh.engine.sys.MapType;
import io.bpfsh.engine.sys.PossibleCpus;
import io.bpfsh.engine.sys.UpdateMode;
import io.bpfsh.engine.testing.Bpftool;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.Samples;
import io.bpfsh.engine.testing.TestBpffs;
import io.bpfsh.shell.TestShell;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** events, push/pop/peek, watch, hist, tracelog, top and dump's filters, driven by test runs of modern_events.o. */
@KernelTest
class EventsCommandsKernelTest {
    private TestBpffs fs;
    private TestShell sh;
    private Path root;

    @BeforeEach
    void setUp() {
        fs = new TestBpffs("shell-events");
        root = fs.root();
        sh = new TestShell(root);
        sh.ok("load " + Samples.object("modern_events.o") + " --as m");
    }

    @AfterEach
    void tearDown() {
        sh.close();
        fs.close();
    }

    private BpfProgram program(String function) throws Exception {
        return sh.session().module("m").program(function).orElseThrow().program();
    }

    private static byte[] packet() {
        byte[] p = new byte[64];
        p[12] = 0x08; // ETH_P_IP
        return p;
    }

    private void run(String function, int times) throws Exception {
        for (int i = 0; i < times; i++) {
            program(function).testRun(packet(), 1);
        }
    }

    /** Runs {@code action} once the output so far satisfies {@code ready}, from another thread; bounded. */
    private Thread when(Predicate<String> ready, ThrowingRunnable action, AtomicBoolean failed) {
        Thread t = new Thread(() -> {
            long end = System.nanoTime() + 20_000_000_000L;
            while (!ready.test(sh.peekOut()) && System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            try {
                action.run();
            } catch (Exception e) {
                failed.set(true);
            }
        });
        t.start();
        return t;
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void eventsPrintsTypedRecordsInOrderAndCountsThem() throws Exception {
        run("emit_ring", 3);
        String out = sh.ok("events m:ring --type 'struct event' --limit 3");
        List<String> lines = out.lines().toList();
        assertEquals(4, lines.size(), out);
        for (int i = 0; i < 3; i++) {
            assertTrue(lines.get(i).matches("\\{seq=" + i + ", len=64, cpu=\\d, ifindex=1, proto=8, flags=0}"), lines.get(i));
        }
        assertEquals("3 records", lines.get(3));
        run("emit_ring", 2);
        String raw = sh.ok("events m:ring --limit 1");
        assertTrue(raw.startsWith("hex:03000000400000"), "seq 3, len 64, raw: " + raw);
        assertEquals("1 record", raw.lines().toList().get(1));
    }

    @Test
    void eventsJsonIsOneObjectALine() throws Exception {
        try (TestShell json = new TestShell(root, true)) {
            json.ok("load " + Samples.object("modern_events.o") + " --as j");
            BpfProgram p = json.session().module("j").program("emit_ring").orElseThrow().program();
            p.testRun(packet(), 2);
            String out = json.ok("events j:ring --type event --limit 2");
            List<String> lines = out.lines().toList();
            assertEquals(2, lines.size(), out);
            assertTrue(lines.get(0).matches("\\{\"data\": \"00000000400000[0-9a-f]+\", \"formatted\": \\{\"seq\": 0, "
                    + "\"len\": 64, \"cpu\": \\d, \"ifindex\": 1, \"proto\": 8, \"flags\": 0}}"), lines.get(0));
            assertTrue(lines.get(1).contains("\"seq\": 1,"), lines.get(1));
        }
    }

    @Test
    void perfArrayRecordsCarryTheirCpu() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean failed = new AtomicBoolean();
        // the reader takes the slots when the command starts: keep producing until it has its records
        Thread producer = new Thread(() -> {
            try {
                for (int i = 0; i < 400 && !stop.get(); i++) {
                    program("emit_perf").testRun(packet(), 1);
                    Thread.sleep(25);
                }
            } catch (Exception e) {
                failed.set(true);
            }
        });
        producer.start();
        String out;
        try {
            out = sh.ok("events m:events --type 'struct event' --limit 2 --timeout 10");
        } finally {
            stop.set(true);
            producer.join();
        }
        List<String> lines = out.lines().toList();
        assertEquals(3, lines.size(), out);
        for (String l : lines.subList(0, 2)) {
            assertTrue(l.matches("cpu (\\d): \\{seq=\\d+, len=64, cpu=\\1, ifindex=1, proto=8, flags=0}"), l);
        }
        assertEquals("2 records", lines.get(2));
        assertTrue(!failed.get());
    }

    @Test
    void eventsEndsWhenNoProgramCanWriteAnyMore() throws Exception {
        sh.ok("pin m:ring ring");
        run("emit_ring", 2);
        sh.ok("close m");
        String out = sh.ok("events ring");
        List<String> lines = out.lines().toList();
        assertEquals(3, lines.size(), out);
        assertTrue(lines.get(2).matches("2 records \\(no program refers to " + root.resolve("ring") + " any more\\)"),
                lines.get(2));
        assertEquals("0 records (timed out)\n", sh.ok("events ring --timeout 0.1"));
    }

    @Test
    void ctrlCStopsTheStreamAndTheNextCommandRuns() throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        // Ctrl-C at the prompt sets the session's interrupt; keep pressing it until the command has returned
        Thread ctrlC = new Thread(() -> {
            for (int i = 0; i < 200 && !done.get(); i++) {
                sh.session().interrupt();
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        run("emit_ring", 1);
        ctrlC.start();
        String out;
        try {
            out = sh.ok("events m:ring --type event");
        } finally {
            done.set(true);
            ctrlC.join();
        }
        assertTrue(out.endsWith(" (stopped)\n"), out);
        sh.session().clearInterrupt();
        assertEquals("pushed 1\n", sh.ok("push m:lengths 1"), "back at the prompt, the session works on");
    }

    @Test
    void eventsRefusesOtherMapsAndUnknownTypes() {
        assertEquals("error: map counts (id " + id("counts") + "): events come from ringbuf and perf_event_array maps; "
                + "this is a array map", sh.fails("events m:counts"));
        String e = sh.fails("events m:ring --type 'struct nope'");
        assertTrue(e.startsWith("error: type 'struct nope' is not in "), e);
    }

    private int id(String map) {
        try {
            return sh.session().module("m").map(map).orElseThrow().map().id();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void pushPopAndPeekAgreeWithBpftool() throws Exception {
        sh.ok("pin m:lengths q");
        String q = root.resolve("q").toString();
        assertEquals("pushed 60\n", sh.ok("push m:lengths 60"));
        assertTrue(Bpftool.run("map", "peek", "pinned", q).contains("3c 00 00 00"), "bpftool sees 60 first");
        Bpftool.run("map", "push", "pinned", q, "value", "61", "0", "0", "0");
        run("push_length", 1);
        assertEquals("value 60\n", sh.ok("peek q"));
        assertEquals("popped 60\n", sh.ok("pop q"));
        assertEquals("popped 61\n", sh.ok("pop m:lengths"));
        assertEquals("popped 64\n", sh.ok("pop m:lengths"), "the program's push");
        assertEquals("error: pop m:lengths: the queue is empty", sh.fails("pop m:lengths"));
        assertEquals("error: peek m:lengths: VALUE is only for bloom filters; a queue shows its next element: "
                + "peek m:lengths", sh.fails("peek m:lengths 1"));
    }

    @Test
    void bloomFilterAddsAndTests() throws Exception {
        try (BpfMap b = BpfMap.create(MapAttributes.of(MapType.BLOOM_FILTER, 0, 4, 64).withName("seen"))) {
            fs.bpffs().pin(b, fs.bpffs().resolve("seen"));
        }
        assertEquals("7: absent\n", sh.ok("peek seen 7"));
        sh.ok("push seen 7");
        assertEquals("7: maybe present\n", sh.ok("peek seen 7"));
        assertTrue(sh.fails("pop seen").contains("a bloom filter cannot pop"));
    }

    @Test
    void watchCountPrintsSnapshotsWithTheChangesBetweenThem() throws Exception {
        AtomicBoolean failed = new AtomicBoolean();
        Thread first = when(o -> o.contains("snapshot 1/3"), () -> run("emit_ring", 5), failed);
        Thread second = when(o -> o.contains("snapshot 2/3"), () -> run("emit_ring", 7), failed);
        String out = sh.ok("watch m:counts 0 --count 3 --interval 1s");
        first.join();
        second.join();
        assertTrue(!failed.get());
        String[] snapshots = out.split("\n\n");
        assertEquals(3, snapshots.length, out);
        assertTrue(snapshots[0].matches("m:counts \\(map id \\d+\\)  [0-9:.]+  snapshot 1/3\nkey: 0  value: 0"), snapshots[0]);
        assertTrue(snapshots[1].matches("(?s).*snapshot 2/3\nkey: 0  value: 5  \\(\\+5, [0-9.]+/s\\)"), snapshots[1]);
        assertTrue(snapshots[2].matches("(?s).*snapshot 3/3\nkey: 0  value: 12  \\(\\+7, [0-9.]+/s\\)\n"), snapshots[2]);
    }

    @Test
    void watchRedrawsInPlaceOnATerminal() throws Exception {
        java.io.ByteArrayOutputStream screen = new java.io.ByteArrayOutputStream();
        try (org.jline.terminal.Terminal t = new org.jline.terminal.impl.ExternalTerminal("test", "xterm-256color",
                new java.io.ByteArrayInputStream(new byte[0]), screen, java.nio.charset.StandardCharsets.UTF_8)) {
            t.setSize(new org.jline.terminal.Size(100, 24));
            sh.session().attachTerminal(t);
            String out = sh.ok("watch m:counts 0 --count 2 --interval 100ms");
            assertEquals("", out, "the frames go to the terminal, not to the command's output");
            String drawn = screen.toString(java.nio.charset.StandardCharsets.UTF_8);
            // the second frame rewrites only what changed: the time, the snapshot number, the change
            assertTrue(drawn.contains("snapshot 1/2") && drawn.contains("snapshot 2") && drawn.contains("(+0, 0.0/s)"),
                    drawn);
            assertEquals(1, drawn.split("key: 0  value: 0", -1).length - 1,
                    "the unchanged line is drawn once, not again in the second frame: " + drawn);
            assertTrue(drawn.contains("\u001b["), "cursor movement, not a second printout");
        }
    }

    @Test
    void watchFlagsAPinThatNowHoldsAnotherMap() throws Exception {
        sh.ok("pin m:counts c");
        int oldId = id("counts");
        AtomicBoolean failed = new AtomicBoolean();
        Thread swap = when(o -> o.contains("snapshot 1/2"), () -> {
            sh.session(); // the pin is replaced as another loader would: unpin, pin a new map there
            java.nio.file.Files.delete(root.resolve("c"));
            try (BpfMap other = BpfMap.create(MapAttributes.of(MapType.ARRAY, 4, 8, 3).withName("counts"))) {
                fs.bpffs().pin(other, fs.bpffs().resolve("c"));
            }
        }, failed);
        String out = sh.ok("watch c --count 2 --interval 1s --delta");
        swap.join();
        assertTrue(!failed.get());
        assertTrue(out.contains("! c now holds map id "), out);
        assertTrue(out.contains(", not " + oldId + " (reloaded?)"), out);
    }

    @Test
    void histDrawsAKnownArrayExactly() {
        sh.ok("update m:latency_hist 0 1");
        sh.ok("update m:latency_hist 2 2");
        sh.ok("update m:latency_hist 3 8");
        sh.ok("update m:latency_hist 11 4");
        String bar8 = "@".repeat(52);
        assertEquals(String.join("\n",
                "[0]        1 |@@@@@@                                              |",
                "[1]        0 |                                                    |",
                "[2, 4)     2 |@@@@@@@@@@@@@                                       |",
                "[4, 8)     8 |" + bar8 + "|",
                "[8, 16)    0 |                                                    |",
                "[16, 32)   0 |                                                    |",
                "[32, 64)   0 |                                                    |",
                "[64, 128)  0 |                                                    |",
                "[128, 256) 0 |                                                    |",
                "[256, 512) 0 |                                                    |",
                "[512, 1K)  0 |                                                    |",
                "[1K, 2K)   4 |@@@@@@@@@@@@@@@@@@@@@@@@@@                          |",
                "total 15, the longest bar 8", ""), sh.ok("hist m:latency_hist"));
        assertEquals(String.join("\n",
                "[4, 8)   8 |" + bar8 + "|",
                "[1K, 2K) 4 |@@@@@@@@@@@@@@@@@@@@@@@@@@                          |",
                "total 12, the longest bar 8", ""), sh.ok("hist m:latency_hist --top 2"));
    }

    @Test
    void histOfAHashDrawsOneBarPerKeyLargestFirst() throws Exception {
        try (BpfMap h = BpfMap.create(MapAttributes.of(MapType.HASH, 4, 8, 16).withName("flows"))) {
            for (int[] kv : new int[][] {{10, 3}, {20, 12}, {30, 6}}) {
                h.update(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(kv[0]).array(),
                        ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(kv[1]).array(), UpdateMode.ANY);
            }
            fs.bpffs().pin(h, fs.bpffs().resolve("flows"));
        }
        String bar = "@".repeat(52);
        assertEquals(String.join("\n",
                "20 12 |" + bar + "|",
                "30  6 |" + "@".repeat(26) + " ".repeat(26) + "|",
                "10  3 |" + "@".repeat(13) + " ".repeat(39) + "|",
                "total 21, the longest bar 12", ""), sh.ok("hist flows"));
        assertTrue(sh.ok("hist flows --sort key --top 2").startsWith("20 12 |"), "the two largest, by key: 20, 30");
        assertEquals("error: hist flows: --log2, --linear and --step are for arrays; a hash draws one bar per key",
                sh.fails("hist flows --linear"));
    }

    @Test
    void histJsonGivesTheNumbers() {
        try (TestShell json = new TestShell(root, true)) {
            json.ok("load " + Samples.object("modern_events.o") + " --as j");
            json.ok("update j:latency_hist 1 3");
            json.ok("update j:latency_hist 4 5");
            assertEquals("{\"total\": 8, \"buckets\": ["
                    + "{\"label\": \"[1]\", \"index\": 1, \"low\": 1, \"high\": 2, \"count\": 3}, "
                    + "{\"label\": \"[2, 4)\", \"index\": 2, \"low\": 2, \"high\": 4, \"count\": 0}, "
                    + "{\"label\": \"[4, 8)\", \"index\": 3, \"low\": 4, \"high\": 8, \"count\": 0}, "
                    + "{\"label\": \"[8, 16)\", \"index\": 4, \"low\": 8, \"high\": 16, \"count\": 5}]}\n",
                    json.ok("hist j:latency_hist"));
        }
    }

    @Test
    void histOfLatenciesTheProgramMeasured() throws Exception {
        for (long ns : new long[] {100, 120, 3000}) {
            byte[] p = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN).putLong(0, ns).array();
            program("record_latency").testRun(p, 1);
        }
        String out = sh.ok("hist m:latency_hist");
        assertTrue(out.startsWith("[64, 128)  2 |"), out);
        assertTrue(out.contains("\n[2K, 4K)   1 |"), out);
    }

    @Test
    void tracelogPrintsPrintkLines() throws Exception {
        // trace_pipe is the machine's: another reader (a test suite running beside this one) may take a
        // line first, and the kernel refuses readers (EBUSY) while another process uses the buffer. So
        // print and read again until one of this test's lines comes through (bounded).
        boolean seen = false;
        String last = "";
        for (int attempt = 0; attempt < 20 && !seen; attempt++) {
            int len = 1400 + ThreadLocalRandom.current().nextInt(90);
            program("log_packet").testRun(new byte[len], 1);
            if (sh.run("tracelog --timeout 1")) {
                last = sh.takeOut();
                seen = last.lines().anyMatch(l -> l.endsWith("bpfsh: packet of " + len + " bytes"));
            } else {
                String e = sh.takeErr();
                assertTrue(e.contains("is busy (EBUSY)"), e);
                sh.takeOut();
                Thread.sleep(200);
            }
        }
        assertTrue(seen, last);
    }

    @Test
    void topRanksTheProgramsThatRan() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Thread load = new Thread(() -> {
            try {
                while (!stop.get()) {
                    program("push_length").testRun(packet(), 1000);
                    Thread.sleep(20);
                }
            } catch (Exception e) {
                // the module closes at the end of the test
            }
        });
        load.start();
        String out;
        try {
            out = sh.ok("top --count 2 --interval 300ms");
        } finally {
            stop.set(true);
            load.join();
        }
        int id = program("push_length").id();
        assertTrue(out.startsWith("ID "), out);
        assertTrue(out.lines().anyMatch(l -> l.matches(id + " +xdp +push_length +\\d+ +\\d+ +\\d+ +\\d+")), out);
    }

    @Test
    void dumpLimitNonzeroAndSumCpus() throws Exception {
        sh.ok("update m:latency_hist 5 9");
        sh.ok("update m:latency_hist 7 1");
        assertEquals("key: 5  value: 9\nkey: 7  value: 1\n2 entries\n", sh.ok("dump m:latency_hist --nonzero"));
        assertEquals("key: 5  value: 9\n1 entry (--limit 1; there are more)\n",
                sh.ok("dump m:latency_hist --nonzero --limit 1"));
        int cpus = PossibleCpus.count();
        try (BpfMap pc = BpfMap.create(MapAttributes.of(MapType.PERCPU_ARRAY, 4, 8, 2).withName("pc"))) {
            ByteBuffer v = ByteBuffer.allocate(8 * cpus).order(ByteOrder.LITTLE_ENDIAN);
            for (int c = 0; c < cpus; c++) {
                v.putLong(c + 1);
            }
            pc.update(new byte[4], v.array(), UpdateMode.ANY);
            fs.bpffs().pin(pc, fs.bpffs().resolve("pc"));
        }
        long sum = (long) cpus * (cpus + 1) / 2;
        assertEquals("key: 0  value: " + sum + "\n1 entry\n", sh.ok("dump pc --sum-cpus --nonzero"));
    }
}
