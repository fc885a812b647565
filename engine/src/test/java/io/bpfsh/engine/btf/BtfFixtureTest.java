package io.bpfsh.engine.btf;

import static io.bpfsh.engine.btf.BtfTest.assertOneLine;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The .BTF section clang emitted for fixture.bpf.c (next to fixture.btf in the test resources). */
class BtfFixtureTest {
    /** From {@code llvm-readelf -S -s} of the object fixture.btf was dumped from. */
    static final Map<String, Long> SECTION_SIZES = Map.of(".data", 88L, ".rodata", 4L, ".maps", 128L, ".bss", 8L,
            "license", 4L);
    static final Map<String, Long> VAR_OFFSETS = Map.of("counters", 0L, "config", 48L, "events", 80L, "outer", 104L,
            "current", 0L, "tag", 80L, "seen_total", 0L, "limit", 0L, "_license", 0L);

    static Btf btf;
    static BtfValueFormatter formatter;
    static BtfValueParser parser;

    static byte[] fixture() throws IOException {
        try (InputStream in = BtfFixtureTest.class.getResourceAsStream("fixture.btf")) {
            return in.readAllBytes();
        }
    }

    @BeforeAll
    static void load() throws Exception {
        btf = Btf.parse("fixture.o: .BTF", fixture());
        formatter = new BtfValueFormatter(btf);
        parser = new BtfValueParser(btf);
    }

    static int id(String name, BtfKind kind) {
        return btf.findByName(name, kind).orElseThrow().id();
    }

    @Test
    void readsMapDefinitions() throws Exception {
        int u32 = id("__u32", BtfKind.TYPEDEF);
        int counter = id("counter", BtfKind.STRUCT);
        int inner = id("inner", BtfKind.STRUCT);
        assertEquals(List.of(
                new BtfMapDefinition("counters", 1, u32, 4, counter, 16, 1024, 1, 1, 0, 0, 0),
                new BtfMapDefinition("config", 2, u32, 4, u32, 4, 4, 0, 0, 0, 0, 0),
                new BtfMapDefinition("events", 4, 0, 4, 0, 4, 0, 0, 0, 0, 0, 0),
                new BtfMapDefinition("outer", 12, u32, 4, 0, 0, 2, 0, 0, 0, 0, inner)),
                BtfMapDefinitions.read(btf));
        assertEquals(new BtfMapDefinition("outer.inner", 2, u32, 4, id("settings", BtfKind.STRUCT), 80, 1, 0, 0, 0, 0,
                0), BtfMapDefinitions.readOne(btf, "outer.inner", inner));
    }

    @Test
    void sizes() throws Exception {
        assertEquals(16, btf.sizeOf(id("counter", BtfKind.STRUCT)));
        assertEquals(80, btf.sizeOf(id("settings", BtfKind.STRUCT)));
        assertEquals(4, btf.sizeOf(id("color", BtfKind.ENUM)));
        assertEquals(8, btf.sizeOf(id("tag", BtfKind.VAR)));
        assertEquals(4, btf.sizeOf(id("limit", BtfKind.VAR)));
        assertEquals("const volatile __u32", btf.typeName(((BtfType.Var) btf.type(id("limit", BtfKind.VAR))).type()));
        assertEquals("char[8]", btf.typeName(((BtfType.Var) btf.type(id("tag", BtfKind.VAR))).type()));
        assertEquals(0, btf.sizeOf(id(".data", BtfKind.DATASEC)), "clang leaves section sizes to the loader");
    }

    @Test
    void datasecFixups() throws Exception {
        Btf fixed = Btf.parse("fixed", btf.withDatasecFixups(SECTION_SIZES, VAR_OFFSETS));
        int data = id(".data", BtfKind.DATASEC);
        BtfType.Datasec sec = (BtfType.Datasec) fixed.type(data);
        assertEquals(88, sec.size());
        assertEquals(List.of(new BtfVarSecinfo(id("current", BtfKind.VAR), 0, 80),
                new BtfVarSecinfo(id("tag", BtfKind.VAR), 80, 8)), sec.vars());
        assertEquals(List.of(0L, 48L, 80L, 104L), ((BtfType.Datasec) fixed.type(id(".maps", BtfKind.DATASEC))).vars()
                .stream().map(BtfVarSecinfo::offset).toList());
        assertEquals(8, fixed.sizeOf(id(".bss", BtfKind.DATASEC)));
        assertOneLine(assertThrows(BtfFormatException.class, () -> formatter.text(data, new byte[0])),
                "(DATASEC .data) var 'current' (bits 0..640) extends past its 0 bytes");

        // a whole .data section as one value, e.g. the contents of its global-data map
        String literal = "{current={color=GREEN, name=\"eth0\", level=7}, tag=\"abc\"}";
        byte[] bytes = new BtfValueParser(fixed).parse(data, literal);
        assertEquals(88, bytes.length);
        assertEquals("{current={color=GREEN, name=\"eth0\", mac=[0, 0, 0, 0, 0, 0], delta=0, enabled=false, mode=0, "
                + "level=7, port=0, ratio=0.0, scale=0.0, offsets=[0, 0], raw={word=0, bytes=[0, 0, 0, 0]}, ptr=0x0, "
                + "id=0, alias=0, trend=FLAT}, tag=\"abc\"}", new BtfValueFormatter(fixed).text(data, bytes));

        Map<String, Long> tooSmall = new LinkedHashMap<>(SECTION_SIZES);
        tooSmall.put(".data", 84L);
        assertOneLine(assertThrows(BtfFormatException.class, () -> btf.withDatasecFixups(tooSmall, VAR_OFFSETS)),
                "fixture.o: .BTF: DATASEC .data: var tag at offset 80 with size 8 extends past the "
                + "section size 84");
    }

    @Test
    void counterRoundTrip() throws Exception {
        int counter = id("counter", BtfKind.STRUCT);
        byte[] bytes = parser.parse(counter, "{pkts=5, bytes=1000}");
        assertArrayEquals(new byte[] {5, 0, 0, 0, 0, 0, 0, 0, (byte) 0xe8, 3, 0, 0, 0, 0, 0, 0}, bytes);
        assertEquals("{pkts=5, bytes=1000}", formatter.text(counter, bytes));
        assertEquals(Map.of("pkts", 5L, "bytes", 1000L), formatter.json(counter, bytes));
        assertArrayEquals(new byte[16], parser.parse(counter, "{}"));
        assertArrayEquals(parser.parse(counter, "{bytes=1000}"), parser.parse(counter, " { bytes = 0x3e8 , } "));
        assertEquals("{pkts=18446744073709551615, bytes=0}",
                formatter.text(counter, parser.parse(counter, "{pkts=0xffffffffffffffff}")));
    }

    @Test
    void settingsRoundTrip() throws Exception {
        int settings = id("settings", BtfKind.STRUCT);
        String canonical = "{color=BLUE, name=\"e\\\"t\\\\h\\n\\x01\u00e9\", mac=[1, 2, 3, 4, 5, 255], delta=-5, "
                + "enabled=true, mode=-4, level=31, port=-32768, ratio=1.5, scale=-2.25, "
                + "offsets=[-9223372036854775808, 9223372036854775807], raw={word=4294967295, bytes=[255, 255, 255, "
                + "255]}, ptr=0xdeadbeef, id=7, alias=7, trend=DOWN}";
        byte[] bytes = parser.parse(settings, "{trend=DOWN, color=200, name=\"e\\\"t\\\\h\\n\\x01\u00e9\", "
                + "mac=[1,2,3,4,5,0xff], delta=-5, enabled=true, mode=-4, level=31, port=-32768, ratio=1.5, "
                + "scale=-2.25e0, offsets=[-9223372036854775808, 9223372036854775807], raw={word=0xffffffff}, "
                + "ptr=0xDEADBEEF, alias=7}");
        assertEquals(canonical, formatter.text(settings, bytes));
        assertArrayEquals(bytes, parser.parse(settings, canonical));

        @SuppressWarnings("unchecked")
        Map<String, Object> actual = (Map<String, Object>) formatter.json(settings, bytes);
        assertEquals("BLUE", actual.get("color"));
        assertEquals("e\"t\\h\n\u0001\u00e9", actual.get("name"));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 255L), actual.get("mac"));
        assertEquals(true, actual.get("enabled"));
        assertEquals(-4L, actual.get("mode"));
        assertEquals(1.5f, actual.get("ratio"));
        assertEquals(-2.25, actual.get("scale"));
        assertEquals("0xdeadbeef", actual.get("ptr"));
        assertEquals(Map.of("word", 4294967295L, "bytes", List.of(255L, 255L, 255L, 255L)), actual.get("raw"));
        assertEquals("DOWN", actual.get("trend"));
        assertEquals(List.copyOf(actual.keySet()), List.of("color", "name", "mac", "delta", "enabled", "mode", "level",
                "port", "ratio", "scale", "offsets", "raw", "ptr", "id", "alias", "trend"));
    }

    @Test
    void scalarsEnumsAndCharArrays() throws Exception {
        int u32 = id("__u32", BtfKind.TYPEDEF);
        int color = id("color", BtfKind.ENUM);
        int tagType = ((BtfType.Var) btf.type(id("tag", BtfKind.VAR))).type();
        assertEquals("7", formatter.text(u32, parser.parse(u32, "7")));
        assertEquals("4294967295", formatter.text(u32, parser.parse(u32, "4294967295")));
        assertEquals("GREEN", formatter.text(color, parser.parse(color, "GREEN")));
        assertEquals("BLUE", formatter.text(color, parser.parse(color, "200")));
        assertEquals("7", formatter.text(color, parser.parse(color, "7")));
        assertArrayEquals(new byte[] {5, 0, 0, 0}, parser.parse(color, "GREEN"));
        assertArrayEquals(new byte[] {'a', 'b', 'c', 0, 0, 0, 0, 0}, parser.parse(tagType, "\"abc\""));
        assertArrayEquals(new byte[] {'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'}, parser.parse(tagType, "\"abcdefgh\""));
        assertEquals("\"abcdefgh\"", formatter.text(tagType, parser.parse(tagType, "\"abcdefgh\"")));
        assertEquals("\"\"", formatter.text(tagType, new byte[8]));
        assertEquals("[97, 0, 98, 0, 0, 0, 0, 0]", formatter.text(tagType, parser.parse(tagType, "[97, 0, 98]")),
                "bytes after the terminating NUL are shown, as numbers");
    }

    @Test
    void refusesUnknownFieldsAndValuesThatDoNotFit() throws Exception {
        int settings = id("settings", BtfKind.STRUCT);
        int u32 = id("__u32", BtfKind.TYPEDEF);
        int color = id("color", BtfKind.ENUM);
        int tagType = ((BtfType.Var) btf.type(id("tag", BtfKind.VAR))).type();
        assertValueError(settings, "{colour=RED}", "struct settings has no field 'colour' (fields: color, name, mac, "
                + "delta, enabled, mode, level, port, ratio, scale, offsets, raw, ptr, id, alias, trend)");
        assertValueError(settings, "{raw={wrd=1}}", "field raw: union (anon) has no field 'wrd' (fields: word, bytes)");
        assertValueError(settings, "{mac=[300]}", "field mac[0]: 300 does not fit __u8 (0..255)");
        assertValueError(settings, "{level=32}",
                "field level: 32 does not fit a 5-bit bitfield of unsigned int (0..31)");
        assertValueError(settings, "{mode=4}", "field mode: 4 does not fit a 3-bit bitfield of int (-4..3)");
        assertValueError(settings, "{delta=-129}", "field delta: -129 does not fit signed char (-128..127)");
        assertValueError(settings, "{offsets=[1, 2, 3]}", "field offsets: more than 2 elements for __s64[2]");
        assertValueError(settings, "{enabled=256}", "field enabled: 256 does not fit _Bool (0..255)");
        assertValueError(settings, "{color=PURPLE}", "field color: enum color has no value 'PURPLE' (values: RED, "
                + "GREEN, BLUE)");
        assertValueError(settings, "{color=RED, color=RED}", "field 'color' is given twice");
        assertValueError(settings, "{name=\"0123456789abc\"}", "field name: string of 13 bytes does not fit char[12]");
        assertValueError(settings, "{mac=\"abc\"}", "field mac: expected '[' for __u8[6], got '\"abc\"' at column 6");
        assertValueError(settings, "{ratio=1e39}", "field ratio: 1e39 does not fit float");
        assertValueError(settings, "{pkts=1", "has no field 'pkts'");
        assertValueError(settings, "{delta=1", "expected ',' or '}', got end of input at column 9");
        assertValueError(u32, "-1", "-1 does not fit __u32 (0..4294967295)");
        assertValueError(u32, "4294967296", "4294967296 does not fit __u32");
        assertValueError(u32, "7 8", "unexpected '8' at column 3 after the value");
        assertValueError(u32, "0x", "expected an integer for __u32, got '0x' at column 1");
        assertValueError(u32, "\"7\"", "expected a number for __u32");
        assertValueError(u32, "", "got end of input at column 1");
        assertValueError(u32, "7 @", "unexpected character '@' at column 3");
        assertValueError(color, "-1", "-1 does not fit enum color (0..4294967295)");
        assertValueError(tagType, "\"abc", "unterminated string starting at column 1");
        assertValueError(tagType, "\"a\\q\"", "unknown escape \\q at column 3");
        assertValueError(tagType, "\"a\\x4\"", "\\x at column 3 needs two hex digits");
    }

    @Test
    void refusesRawValuesOfTheWrongSize() {
        int counter = id("counter", BtfKind.STRUCT);
        assertOneLine(assertThrows(BtfValueException.class, () -> formatter.text(counter, new byte[12])),
                "value of struct counter is 12 bytes, expected 16");
    }

    static void assertValueError(int typeId, String literal, String expected) {
        assertOneLine(assertThrows(BtfValueException.class, () -> parser.parse(typeId, literal)), expected);
    }
}
