package io.bpfsh.shell.commands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.btf.Btf;
import io.bpfsh.engine.load.Module;
import io.bpfsh.engine.sys.BpfBtf;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.MapAttributes;
import io.bpfsh.engine.sys.MapInfo;
import io.bpfsh.engine.sys.MapType;
import io.bpfsh.engine.sys.PossibleCpus;
import io.bpfsh.engine.sys.UpdateMode;
import io.bpfsh.engine.testing.Bpftool;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.Samples;
import io.bpfsh.engine.testing.TestBpffs;
import io.bpfsh.shell.TestShell;
import io.bpfsh.shell.output.JsonReader;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Keys and values by their BTF types, through the shell's own CommandLine on the real kernel:
 * modern_counter.o's {@code pkt_counts} (key __u32, value struct counter {__u64 pkts; __u64 bytes;})
 * and modern_config.o's global data.
 */
@KernelTest
class TypedValuesKernelTest {
    private TestBpffs fs;
    private TestShell sh;
    private Path root;

    @BeforeEach
    void setUp() {
        fs = new TestBpffs("shell-typed");
        root = fs.root();
        sh = new TestShell(root);
    }

    @AfterEach
    void tearDown() {
        sh.close();
        fs.close();
    }

    private static String obj(String name) {
        return Samples.object(name).toString();
    }

    private void loadCounter() {
        String out = sh.ok("load " + obj("modern_counter.o") + " --as counter");
        assertTrue(out.contains("pinned map pkt_counts at " + root.resolve("pkt_counts") + " (LIBBPF_PIN_BY_NAME)"), out);
    }

    private static List<String> sortedEntries(String dump, String count) {
        List<String> lines = new ArrayList<>(List.of(dump.split("\n")));
        assertEquals(count, lines.remove(lines.size() - 1), dump);
        Collections.sort(lines);
        return lines;
    }

    private static byte[] u32(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }

    /** struct counter {__u64 pkts; __u64 bytes;} as the kernel stores it. */
    private static byte[] counter(long pkts, long bytes) {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (pkts >>> (8 * i));
            b[8 + i] = (byte) (bytes >>> (8 * i));
        }
        return b;
    }

    @Test
    void typedUpdateLookupDumpAndDeleteRoundTrip() {
        loadCounter();
        assertEquals("updated key: 7  value: {pkts=5, bytes=1000}\n", sh.ok("update counter:pkt_counts 7 '{pkts=5, bytes=1000}'"));
        assertEquals("key: 7  value: {pkts=5, bytes=1000}\n", sh.ok("lookup counter:pkt_counts 7"));
        // fields left out are zero; any order, hex numbers and a trailing comma are fine
        assertEquals("updated key: 8  value: {pkts=1, bytes=0}\n", sh.ok("update counter:pkt_counts 8 '{pkts=1}'"));
        sh.ok("update counter:pkt_counts 0x9 \"{bytes=0x10, pkts=2,}\" --noexist");
        // hex: is always raw bytes, for keys and values of a typed map alike
        sh.ok("update counter:pkt_counts hex:0a000000 \"hex:03 00 00 00 00 00 00 00 04 00 00 00 00 00 00 00\"");
        assertEquals("key: 10  value: {pkts=3, bytes=4}\n", sh.ok("lookup counter:pkt_counts hex:0a000000"));
        // on a typed side quotes only group words: "9" is the number 9 for a __u32 key
        assertEquals("key: 9  value: {pkts=2, bytes=16}\n", sh.ok("lookup counter:pkt_counts \"9\""));
        // the value printed is the literal that writes it back
        sh.ok("update counter:pkt_counts 11 '{pkts=18446744073709551615, bytes=0}'");
        assertEquals("key: 11  value: {pkts=18446744073709551615, bytes=0}\n", sh.ok("lookup counter:pkt_counts 11"));
        assertEquals(List.of("key: 10  value: {pkts=3, bytes=4}", "key: 11  value: {pkts=18446744073709551615, bytes=0}",
                "key: 7  value: {pkts=5, bytes=1000}", "key: 8  value: {pkts=1, bytes=0}", "key: 9  value: {pkts=2, bytes=16}"),
                sortedEntries(sh.ok("dump counter:pkt_counts"), "5 entries"));
        assertEquals("deleted key 8\n", sh.ok("delete counter:pkt_counts 8"));
        assertEquals("error: lookup counter:pkt_counts: no entry for key 8", sh.fails("lookup counter:pkt_counts 8"));
        assertEquals("error: update counter:pkt_counts: key 7 already exists (--noexist)",
                sh.fails("update counter:pkt_counts 7 '{}' --noexist"));

        // bpftool, the independent oracle, reads the same struct from the pin
        String tool = Bpftool.run("-j", "map", "lookup", "pinned", root.resolve("pkt_counts").toString(),
                "key", "7", "0", "0", "0");
        Map<String, Object> formatted = JsonReader.object(JsonReader.object(JsonReader.parse(tool)).get("formatted"));
        assertEquals(BigInteger.valueOf(7), formatted.get("key"));
        assertEquals(Map.of("pkts", BigInteger.valueOf(5), "bytes", BigInteger.valueOf(1000)), formatted.get("value"));
    }

    @Test
    void infoNamesTheTypesAndWhereTheyCameFrom() {
        loadCounter();
        BpfMap m = sh.session().modules().get("counter").map("pkt_counts").orElseThrow().map();
        int btfId = m.info().btfId();
        assertTrue(btfId > 0, "bpfsh creates its maps with BTF");
        String info = sh.ok("info counter:pkt_counts");
        assertTrue(info.startsWith("map pkt_counts (id " + m.id() + ")\n  type         hash\n"
                + "  key          4 bytes (__u32)\n  value        16 bytes (struct counter)\n  max entries  256\n"), info);
        assertTrue(info.endsWith("  btf id       " + btfId + "\n  types        from the object of module counter\n"
                + "  from         module counter, map pkt_counts\n"), info);
        String byPin = sh.ok("info pkt_counts");
        assertTrue(byPin.contains("  value        16 bytes (struct counter)\n"), byPin);
        assertTrue(byPin.contains("  types        from the kernel's BTF (id " + btfId + ")\n"), byPin);
        // a map without BTF says nothing of types
        sh.ok("load " + obj("gobpf_global.o") + " --as global");
        String raw = sh.ok("info global:dummy_hash");
        assertTrue(raw.contains("  key          4 bytes\n  value        8 bytes\n"), raw);
        assertTrue(raw.contains("  btf id       none\n"), raw);
        assertFalse(raw.contains("types"), raw);
    }

    @Test
    void aMapPinnedByAnotherLoaderTakesItsTypesFromTheKernel() throws Exception {
        // another program loads the object and pins pkt_counts; the shell only has the pin, and so
        // only the kernel's btf_id to know the types by
        try (Module other = Module.open(Samples.object("modern_counter.o"), fs.bpffs())) {
            other.load(Map.of());
            BpfMap theirs = other.map("pkt_counts").orElseThrow().map();
            theirs.update(u32(7), counter(2, 200), UpdateMode.ANY);
            assertEquals(List.of(), sh.session().moduleNames());

            String got = sh.ok("get pkt_counts --as peer");
            assertTrue(got.startsWith("@peer: map pkt_counts (id " + theirs.id() + ", hash, key 4 B, value 16 B)"), got);
            assertEquals("key: 7  value: {pkts=2, bytes=200}\n1 entry\n", sh.ok("dump @peer"));
            assertEquals("key: 7  value: {pkts=2, bytes=200}\n1 entry\n", sh.ok("dump pkt_counts"));
            assertEquals("key: 7  value: {pkts=2, bytes=200}\n1 entry\n", sh.ok("dump id:" + theirs.id()));
            assertTrue(sh.ok("info @peer").contains("  value        16 bytes (struct counter)\n  max entries  256\n"));

            // typed writes through the handle land in the other loader's map, byte for byte
            sh.ok("update @peer 7 '{pkts=3, bytes=300}' --exist");
            assertArrayEquals(counter(3, 300), theirs.lookup(u32(7)));
            sh.ok("update id:" + theirs.id() + " 1 '{bytes=42}'");
            assertArrayEquals(counter(0, 42), theirs.lookup(u32(1)));
            assertEquals("deleted key 1\n", sh.ok("delete pkt_counts 1"));
            assertEquals(null, theirs.lookup(u32(1)));
            sh.ok("release peer");
        }
    }

    @Test
    void globalDataShowsItsVariablesByName() {
        sh.ok("load " + obj("modern_config.o") + " --as config");
        assertEquals("key: 0  value: {cfg_divisor=1, cfg_name=\"bpfsh\"}\n1 entry\n", sh.ok("dump config:.rodata"));
        assertEquals("key: 0  value: {seen=5}\n1 entry\n", sh.ok("dump config:.data"));
        assertEquals("key: 0  value: {hits=0}\n1 entry\n", sh.ok("dump config:.bss"));
        // the key has no type (raw 0), the value is the section's DATASEC
        String info = sh.ok("info config:.data");
        assertTrue(info.contains("  key          4 bytes\n  value        4 bytes (section .data)\n"), info);
        assertEquals("updated key: 0  value: {seen=7}\n", sh.ok("update config:.data 0 '{seen=7}'"));
        assertEquals("key: 0  value: {hits=12345678901}\n", sh.ok("update config:.bss 0 '{hits=12345678901}'")
                .replace("updated ", ""));
        assertEquals("key: 0  value: {seen=7}\n", sh.ok("lookup config:.data 0"));
        // .rodata is frozen, as libbpf leaves it
        String e = sh.fails("update config:.rodata 0 '{cfg_divisor=3, cfg_name=\"x\"}'");
        assertTrue(e.contains("operation not permitted (EPERM)"), e);
        // the key of global data takes the raw literals only
        assertEquals("error: key '{}': a typed literal, but this key has no BTF type (write an integer, hex:BYTES"
                + " or a quoted string; the key is 4 bytes)", sh.fails("lookup config:.data {}"));
    }

    @Test
    void perCpuMapsAreTypedPerSlot() throws Exception {
        int cpus = PossibleCpus.count();
        sh.ok("load " + obj("modern_counter.o") + " --as counter");
        MapInfo typed = sh.session().modules().get("counter").map("pkt_counts").orElseThrow().map().info();
        // a per-CPU hash with the same BTF types, as another tool could make it
        try (BpfBtf btf = BpfBtf.open(typed.btfId());
             BpfMap pcpu = BpfMap.create(MapAttributes.of(MapType.PERCPU_HASH, 4, 16, 8).withName("pcpu_typed")
                     .withBtf(btf.fd().get(), typed.btfKeyTypeId(), typed.btfValueTypeId()))) {
            fs.bpffs().pin(pcpu, fs.bpffs().resolve("pcpu_typed"));
        }
        String each = "[" + String.join(", ", Collections.nCopies(cpus, "{pkts=1, bytes=64}")) + "]";
        assertEquals("updated key: 3  values: " + each + "\n", sh.ok("update pcpu_typed 3 '{pkts=1, bytes=64}'"));
        assertEquals("key: 3  values: " + each + "\n1 entry\n", sh.ok("dump pcpu_typed"));
        sh.close();
        try (TestShell js = new TestShell(root, true)) {
            Map<String, Object> entry = JsonReader.object(JsonReader.parse(js.ok("lookup pcpu_typed 3")));
            assertEquals(List.of("key", "values", "formatted"), List.copyOf(entry.keySet()));
            assertEquals(Collections.nCopies(cpus, "01000000000000004000000000000000"), entry.get("values"));
            Map<String, Object> formatted = JsonReader.object(entry.get("formatted"));
            assertEquals(BigInteger.valueOf(3), formatted.get("key"));
            assertEquals(Collections.nCopies(cpus, Map.of("pkts", BigInteger.ONE, "bytes", BigInteger.valueOf(64))),
                    formatted.get("values"));
        }
    }

    /** The id of the first type spelled {@code name} ("__u32", "const volatile char[16]") in a BTF blob. */
    private static int typeId(Btf btf, String name) {
        for (int id = 1; id <= btf.typeCount(); id++) {
            if (btf.typeName(id).equals(name)) {
                return id;
            }
        }
        throw new AssertionError("no type " + name + " in " + btf.origin());
    }

    @Test
    void charArraysTakeQuotedWordsAsStrings() throws Exception {
        sh.ok("load " + obj("modern_config.o") + " --as config");
        int btfId = sh.session().modules().get("config").map(".rodata").orElseThrow().map().info().btfId();
        // a hash from const volatile char[16] (cfg_name's type) to __u32, made with modern_config.o's BTF
        try (BpfBtf kernel = BpfBtf.open(btfId)) {
            Btf btf = Btf.parse("BTF id " + btfId, kernel.bytes());
            try (BpfMap names = BpfMap.create(MapAttributes.of(MapType.HASH, 16, 4, 8).withName("names")
                    .withBtf(kernel.fd().get(), typeId(btf, "const volatile char[16]"), typeId(btf, "__u32")))) {
                fs.bpffs().pin(names, fs.bpffs().resolve("names"));
            }
        }
        String info = sh.ok("info names");
        assertTrue(info.contains("  key          16 bytes (const volatile char[16])\n  value        4 bytes (__u32)\n"), info);
        // a quoted word is its text for a char array, as in the raw grammar
        assertEquals("updated key: \"eth0\"  value: 1\n", sh.ok("update names \"eth0\" 1"));
        // unless it starts with '"' or '[': the typed string form, with escapes, and the array form
        sh.ok("update names '\"a b\\tc\"' 2");
        sh.ok("update names '[104, 105]' 3");
        assertEquals("error: key \"[104, 300]\": field [1]: 300 does not fit const volatile char (-128..127)",
                sh.fails("update names '[104, 300]' 3"));
        // text that looks like a struct is still text here, since the key is a char array
        assertEquals("updated key: \"{a=1}\"  value: 5\n", sh.ok("update names '{a=1}' 5"));
        assertEquals("deleted key \"{a=1}\"\n", sh.ok("delete names \"{a=1}\""));
        // "7" is a string for a char array but the number 7 for the __u32 value
        sh.ok("update names \"7\" \"7\"");
        assertEquals(List.of("key: \"7\"  value: 7", "key: \"a b\\tc\"  value: 2", "key: \"eth0\"  value: 1",
                "key: \"hi\"  value: 3"), sortedEntries(sh.ok("dump names"), "4 entries"));
        assertEquals("key: \"eth0\"  value: 1\n", sh.ok("lookup names \"eth0\""));
        // unquoted, eth0 is a name, and a char array takes no names
        assertEquals("error: key 'eth0': expected a string or '[' for const volatile char[16], got 'eth0' at column 1",
                sh.fails("lookup names eth0"));
        assertEquals("error: key \"seventeen bytes!!!\": string of 18 bytes does not fit const volatile char[16]",
                sh.fails("update names \"seventeen bytes!!!\" 1"));
    }

    @Test
    void jsonKeepsTheRawFormAndAddsTheFormattedOne() {
        try (TestShell js = new TestShell(root, true)) {
            js.ok("load " + obj("modern_counter.o") + " --as counter");
            js.ok("load " + obj("modern_config.o") + " --as config");
            js.ok("load " + obj("gobpf_global.o") + " --as global");

            assertEquals("{\"updated\": {\"key\": 7, \"value\": \"0200000000000000c800000000000000\", \"formatted\": "
                    + "{\"key\": 7, \"value\": {\"pkts\": 2, \"bytes\": 200}}}}\n",
                    js.ok("update counter:pkt_counts 7 '{pkts=2, bytes=200}'"));
            String dump = js.ok("dump counter:pkt_counts");
            assertEquals("[{\"key\": 7, \"value\": \"0200000000000000c800000000000000\", \"formatted\": "
                    + "{\"key\": 7, \"value\": {\"pkts\": 2, \"bytes\": 200}}}]\n", dump);
            List<Object> entries = JsonReader.array(JsonReader.parse(dump));
            Map<String, Object> formatted = JsonReader.object(JsonReader.object(entries.get(0)).get("formatted"));
            assertEquals(Map.of("pkts", BigInteger.TWO, "bytes", BigInteger.valueOf(200)), formatted.get("value"));
            assertEquals(dump.substring(1, dump.length() - 2) + "\n", js.ok("lookup counter:pkt_counts 7"));
            assertEquals("{\"deleted\": {\"key\": 7, \"formatted\": {\"key\": 7}}}\n", js.ok("delete counter:pkt_counts 7"));

            // global data: the key has no type and keeps its raw form inside "formatted" too
            Map<String, Object> rodata = JsonReader.object(JsonReader.array(JsonReader.parse(js.ok("dump config:.rodata"))).get(0));
            assertEquals("0100000062706673680000000000000000000000", rodata.get("value"));
            Map<String, Object> f = JsonReader.object(rodata.get("formatted"));
            assertEquals(BigInteger.ZERO, f.get("key"));
            assertEquals(Map.of("cfg_divisor", BigInteger.ONE, "cfg_name", "bpfsh"), f.get("value"));

            Map<String, Object> info = JsonReader.object(JsonReader.parse(js.ok("info counter:pkt_counts")));
            assertEquals("__u32", info.get("key_type"));
            assertEquals("struct counter", info.get("value_type"));
            assertEquals("the object of module counter", info.get("types_from"));
            Map<String, Object> dataInfo = JsonReader.object(JsonReader.parse(js.ok("info config:.data")));
            assertEquals(null, dataInfo.get("key_type"));
            assertTrue(dataInfo.containsKey("key_type"));
            assertEquals("section .data", dataInfo.get("value_type"));

            // maps without BTF: the same documents as before, no "formatted"
            js.ok("update global:dummy_hash 1 42");
            assertEquals("[{\"key\": 1, \"value\": 42}]\n", js.ok("dump global:dummy_hash"));
            Map<String, Object> rawInfo = JsonReader.object(JsonReader.parse(js.ok("info global:dummy_hash")));
            assertEquals(null, rawInfo.get("value_type"));
            assertEquals(null, rawInfo.get("types_from"));
            assertEquals(BigInteger.ZERO, rawInfo.get("btf_id"));
        }
    }

    @Test
    void typedLiteralErrorsAreOneLineAndNameTheField() {
        loadCounter();
        sh.ok("load " + obj("gobpf_global.o") + " --as global");
        String[][] cases = {
            {"update counter:pkt_counts 7 '{pkts=5, bytez=1}'",
                "error: value \"{pkts=5, bytez=1}\": struct counter has no field 'bytez' (fields: pkts, bytes)"},
            {"update counter:pkt_counts 7 '{pkts=18446744073709551616}'",
                "error: value \"{pkts=18446744073709551616}\": field pkts: 18446744073709551616 does not fit __u64"
                        + " (0..18446744073709551615)"},
            {"update counter:pkt_counts 7 '{bytes=-1}'",
                "error: value \"{bytes=-1}\": field bytes: -1 does not fit __u64 (0..18446744073709551615)"},
            {"update counter:pkt_counts 4294967296 '{}'",
                "error: key '4294967296': 4294967296 does not fit __u32 (0..4294967295)"},
            {"update counter:pkt_counts 7 5",
                "error: value '5': expected '{' for struct counter, got '5' at column 1"},
            {"update counter:pkt_counts 7 '{pkts=\"many\"}'",
                "error: value \"{pkts=\"many\"}\": field pkts: expected a number for __u64, got '\"many\"' at column 7"},
            {"lookup counter:pkt_counts eth0",
                "error: key 'eth0': expected a number for __u32, got 'eth0' at column 1"},
            {"update counter:pkt_counts 7 '{pkts=1'",
                "error: value \"{pkts=1\": expected ',' or '}', got end of input at column 8"},
            {"update counter:pkt_counts 7 hex:00",
                "error: value 'hex:00': 1 byte, but the value is 16 bytes (32 hex digits)"},
            {"update global:dummy_hash 1 '{pkts=1}'",
                "error: value \"{pkts=1}\": a typed literal, but this value has no BTF type (write an integer,"
                        + " hex:BYTES or a quoted string; the value is 8 bytes)"},
        };
        for (String[] c : cases) {
            String e = sh.fails(c[0]);
            assertEquals(c[1], e, c[0]);
            assertFalse(e.contains("\n"), e);
        }
        assertEquals("0 entries\n", sh.ok("dump counter:pkt_counts"), "no failed update wrote anything");
    }

    @Test
    void helpExplainsWhichGrammarReadsALiteral() {
        for (String c : List.of("update", "lookup", "delete")) {
            String help = sh.ok("help " + c).replaceAll("\\s+", " ");
            assertTrue(help.contains("hex:BYTES is always the raw bytes"), help);
            assertTrue(help.contains("when the map has a BTF type for that side"), help);
        }
        assertTrue(sh.ok("help update").contains("update counter:pkt_counts 7 '{pkts=5, bytes=1000}'"));
        assertTrue(sh.ok("help dump").replaceAll("\\s+", " ").contains("\"NaN\", \"Infinity\", \"-Infinity\""));
    }

    @Test
    void theTypedPinIsGoneAfterCloseWithUnpin() {
        loadCounter();
        sh.ok("close counter --unpin-all");
        assertFalse(Files.exists(root.resolve("pkt_counts")));
        assertEquals(List.of(), fs.tree());
    }
}
