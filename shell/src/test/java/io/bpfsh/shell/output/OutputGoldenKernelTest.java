package io.bpfsh.shell.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.sys.BpfBtf;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.MapAttributes;
import io.bpfsh.engine.sys.MapInfo;
import io.bpfsh.engine.sys.MapType;
import io.bpfsh.engine.sys.PinAccess;
import io.bpfsh.engine.sys.PossibleCpus;
import io.bpfsh.engine.sys.UpdateMode;
import io.bpfsh.engine.btf.Btf;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.Samples;
import io.bpfsh.engine.testing.TestBpffs;
import io.bpfsh.shell.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pins the bytes bpfsh prints, text and JSON, for every kind of map the tests dump (hash, array,
 * LRU hash, sizes that print as hex, per-CPU maps, BTF-typed maps from a module and from the
 * kernel, global data, char-array keys) and the other commands whose output goes through the same
 * printers: lookup, update, delete, info, ls -l, maps, modules, progs, handles. The golden files in
 * src/test/resources/golden were produced by bpfsh before the output path was rewritten for speed
 * (issue 14); any change in a byte fails here. Kernel ids and the test's root vary between runs and
 * are replaced by ID and ROOT; hash maps are made with BPF_F_ZERO_SEED so their order is the
 * kernel's, the same on every run. Per-CPU output depends on the number of possible CPUs, so that
 * golden is per count.
 *
 * <p>To write the golden files anew (only when an output change is intended):
 * {@code mvn -pl shell verify -Dtest=OutputGoldenKernelTest -Dbpfsh.golden.write=true}.
 */
@KernelTest
class OutputGoldenKernelTest {
    /** BPF_F_ZERO_SEED: the hash seed is 0, so the iteration order is the same on every run. */
    private static final int F_ZERO_SEED = 1 << 6;

    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    private TestBpffs fs;

    @BeforeEach
    void setUp() {
        fs = new TestBpffs("output-golden");
    }

    @AfterEach
    void tearDown() {
        fs.close();
    }

    @Test
    void textAndJsonOfEveryMapKindAreByteForByteTheSame() throws Exception {
        rawMaps();
        List<String> commands = new ArrayList<>(List.of(
                "load " + Samples.object("modern_counter.o") + " --as counter",
                "load " + Samples.object("modern_config.o") + " --as config"));
        typedMaps();
        for (String ref : List.of("raw_hash", "raw_array", "odd_sizes", "lru", "typed_hash", "names",
                "counter:pkt_counts", "config:.data", "config:.rodata", "config:.bss")) {
            commands.add("dump " + ref);
        }
        commands.addAll(List.of(
                "update counter:pkt_counts 7 '{pkts=2, bytes=200}'",
                "lookup counter:pkt_counts 7",
                "dump counter:pkt_counts",
                "delete counter:pkt_counts 7",
                "lookup raw_hash 5",
                "update raw_hash 5 6 --exist",
                "delete raw_hash 5",
                "update raw_hash 5 13272178805 --noexist",
                "lookup odd_sizes hex:0100f1",
                "update typed_hash 1 '{pkts=9, bytes=900}'",
                "lookup names '\"hi\"'",
                "update config:.bss 0 '{hits=3}'",
                "lookup config:.bss 0",
                "get raw_hash --as h",
                "dump @h",
                "handles",
                "info raw_hash",
                "info counter:pkt_counts",
                "info config:.rodata",
                "ls -l",
                "maps",
                "modules",
                "progs",
                "close counter --unpin-all",
                "close config"));
        compare("maps", commands);
    }

    @Test
    void perCpuMapsAreByteForByteTheSame() throws Exception {
        int cpus = PossibleCpus.count();
        perCpuMaps(cpus);
        compare("percpu-" + cpus + "cpus", List.of("dump pcpu_hash", "dump pcpu_array", "dump pcpu_typed",
                "lookup pcpu_hash 2", "update pcpu_array 1 77", "lookup pcpu_typed 1"));
    }

    /** Runs the commands as one batch, text then --json, and compares with (or writes) the golden file. */
    private void compare(String name, List<String> commands) throws IOException {
        StringBuilder got = new StringBuilder();
        for (boolean json : new boolean[] {false, true}) {
            List<String> args = new ArrayList<>(List.of("--bpffs", fs.root().toString()));
            if (json) {
                args.add("--json");
            }
            for (String c : commands) {
                if (json || !TABLES.contains(c)) {
                    args.add("-c");
                    args.add(c);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Main.run(args.toArray(String[]::new), InputStream.nullInputStream(),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                    false);
            assertEquals("", err.toString(StandardCharsets.UTF_8), "stderr of " + (json ? "--json " : "") + commands);
            assertEquals(0, code);
            got.append(json ? "=== --json\n" : "=== text\n").append(normalised(out.toString(StandardCharsets.UTF_8)));
        }
        Path golden = GOLDEN.resolve(name + ".txt");
        if (Boolean.getBoolean("bpfsh.golden.write")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, got);
            return;
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), got.toString(), "output differs from " + golden);
    }

    /** Tables whose column widths follow kernel ids and paths: compared in their JSON form only. */
    private static final java.util.Set<String> TABLES = java.util.Set.of("handles", "ls -l", "maps", "modules", "progs");

    private static final Pattern IDS = Pattern.compile("(\"(?:id|btf_id)\": |\\bid |btf id +)(\\d+)");

    /** Kernel ids and the test's root directory, which differ between runs, as ID and ROOT. */
    private String normalised(String s) {
        s = s.replace(fs.root().toString(), "ROOT").replace(Samples.dir().toString(), "SAMPLES");
        Matcher m = IDS.matcher(s);
        return m.replaceAll(r -> Matcher.quoteReplacement(r.group(1)) + "ID");
    }

    private void rawMaps() throws EngineException {
        try (BpfMap hash = create(MapAttributes.of(MapType.HASH, 4, 8, 128).withFlags(F_ZERO_SEED).withName("raw_hash"));
             BpfMap array = create(MapAttributes.of(MapType.ARRAY, 4, 4, 16).withName("raw_array"));
             BpfMap odd = create(MapAttributes.of(MapType.HASH, 3, 5, 16).withFlags(F_ZERO_SEED).withName("odd_sizes"));
             BpfMap lru = create(MapAttributes.of(MapType.LRU_HASH, 8, 2, 16).withFlags(F_ZERO_SEED).withName("lru"))) {
            for (int k = 0; k < 64; k++) {
                // the last value is 2^64-1: unsigned decimal, not -1
                long v = k == 63 ? -1L : k * 2654435761L;
                hash.update(le(4, k), le(8, v), UpdateMode.ANY);
            }
            for (int k = 0; k < 16; k += 3) {
                array.update(le(4, k), le(4, 0xFFFF_FFF0L + k), UpdateMode.ANY);
            }
            for (int k = 0; k < 6; k++) {
                odd.update(new byte[] {(byte) k, 0, (byte) (0xF0 | k)}, new byte[] {1, 2, 3, (byte) k, (byte) 0xFF},
                        UpdateMode.ANY);
            }
            for (int k = 0; k < 5; k++) {
                lru.update(le(8, 1L << (k * 12)), le(2, 65535 - k), UpdateMode.ANY);
            }
            for (var e : List.of(hash, array, odd, lru)) {
                fs.bpffs().pin(e, fs.bpffs().resolve(e.info().name()));
            }
        }
    }

    /**
     * A hash with modern_counter.o's key and value types, and one from modern_config.o's char[16] to
     * __u32, as another tool could make them: their types come from the kernel's BTF. The objects are
     * loaded by the shell first (the batch loads them again and reuses the pin), here only for their BTF.
     */
    private void typedMaps() throws Exception {
        prepare(List.of("load " + Samples.object("modern_counter.o") + " --as counter", "close counter"));
        try (BpfMap counts = fs.bpffs().openMap(fs.bpffs().resolve("pkt_counts"), PinAccess.READ_ONLY);
             BpfBtf btf = BpfBtf.open(counts.info().btfId());
             BpfMap typed = create(MapAttributes.of(MapType.HASH, 4, 16, 16).withFlags(F_ZERO_SEED)
                     .withName("typed_hash").withBtf(btf.fd().get(), counts.info().btfKeyTypeId(),
                             counts.info().btfValueTypeId()))) {
            for (int k = 0; k < 6; k++) {
                ByteBuffer v = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(k).putLong(k * 1500L);
                typed.update(le(4, k), v.array(), UpdateMode.ANY);
            }
            fs.bpffs().pin(typed, fs.bpffs().resolve("typed_hash"));
        }
        // char[16] keys: modern_config.o's BTF has the type; the map holds the BTF while it lives
        Path names = fs.root().resolve("names");
        try (var module = io.bpfsh.engine.load.Module.open(Samples.object("modern_config.o"), fs.bpffs())) {
            module.load(java.util.Map.of());
            MapInfo rodata = module.map(".rodata").orElseThrow().map().info();
            try (BpfBtf kernel = BpfBtf.open(rodata.btfId())) {
                Btf btf = Btf.parse("BTF id " + rodata.btfId(), kernel.bytes());
                try (BpfMap m = create(MapAttributes.of(MapType.HASH, 16, 4, 8).withFlags(F_ZERO_SEED).withName("names")
                        .withBtf(kernel.fd().get(), typeId(btf, "const volatile char[16]"), typeId(btf, "__u32")))) {
                    int i = 0;
                    for (String word : List.of("hi", "bpfsh", "a b", "fifteen-chars!!")) {
                        byte[] key = new byte[16];
                        byte[] w = word.getBytes(StandardCharsets.US_ASCII);
                        System.arraycopy(w, 0, key, 0, w.length);
                        m.update(key, le(4, ++i), UpdateMode.ANY);
                    }
                    fs.bpffs().pin(m, fs.bpffs().resolve(names.getFileName().toString()));
                }
            }
        }
    }

    private void perCpuMaps(int cpus) throws Exception {
        prepare(List.of("load " + Samples.object("modern_counter.o") + " --as counter", "close counter"));
        try (BpfMap counts = fs.bpffs().openMap(fs.bpffs().resolve("pkt_counts"), PinAccess.READ_ONLY);
             BpfBtf btf = BpfBtf.open(counts.info().btfId());
             BpfMap hash = create(MapAttributes.of(MapType.PERCPU_HASH, 4, 8, 8).withFlags(F_ZERO_SEED).withName("pcpu_hash"));
             BpfMap array = create(MapAttributes.of(MapType.PERCPU_ARRAY, 4, 4, 4).withName("pcpu_array"));
             BpfMap typed = create(MapAttributes.of(MapType.PERCPU_HASH, 4, 16, 8).withFlags(F_ZERO_SEED)
                     .withName("pcpu_typed").withBtf(btf.fd().get(), counts.info().btfKeyTypeId(),
                             counts.info().btfValueTypeId()))) {
            for (int k = 0; k < 4; k++) {
                hash.update(le(4, k), perCpu(cpus, 8, k, 8), UpdateMode.ANY);
                array.update(le(4, k), perCpu(cpus, 8, k, 4), UpdateMode.ANY);
                typed.update(le(4, k), perCpu(cpus, 16, k, 16), UpdateMode.ANY);
            }
            for (BpfMap m : List.of(hash, array, typed)) {
                fs.bpffs().pin(m, fs.bpffs().resolve(m.info().name()));
            }
        }
    }

    /** One value per CPU in slots of {@code slot} bytes: CPU c holds key * 100 + c in its first bytes. */
    private static byte[] perCpu(int cpus, int slot, int key, int size) {
        ByteBuffer b = ByteBuffer.allocate(cpus * slot).order(ByteOrder.LITTLE_ENDIAN);
        for (int c = 0; c < cpus; c++) {
            b.position(c * slot);
            if (size == 4) {
                b.putInt(key * 100 + c);
            } else {
                b.putLong(key * 100L + c);
            }
        }
        return b.array();
    }

    private void prepare(List<String> commands) {
        List<String> args = new ArrayList<>(List.of("--bpffs", fs.root().toString()));
        for (String c : commands) {
            args.add("-c");
            args.add(c);
        }
        PrintStream discard = new PrintStream(java.io.OutputStream.nullOutputStream());
        assertEquals(0, Main.run(args.toArray(String[]::new), InputStream.nullInputStream(), discard, discard, false));
    }

    private static BpfMap create(MapAttributes a) throws EngineException {
        return BpfMap.create(a);
    }

    private static byte[] le(int size, long value) {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value);
        byte[] out = new byte[size];
        System.arraycopy(b.array(), 0, out, 0, size);
        return out;
    }

    /** The id of the first type spelled {@code name} in a BTF blob. */
    private static int typeId(Btf btf, String name) {
        for (int id = 1; id <= btf.typeCount(); id++) {
            if (btf.typeName(id).equals(name)) {
                return id;
            }
        }
        throw new AssertionError("no type " + name + " in " + btf.origin());
    }
}
