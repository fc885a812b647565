package io.bpfsh.engine.btf;

import static io.bpfsh.engine.btf.BtfTest.assertOneLine;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Value shapes the fixture does not cover: old-style int bitfields, wide integers, odd floats, limits. */
class BtfValueTest {
    @Test
    void oldStyleIntBitfieldsUseTheIntsOwnOffsetAndWidth() throws Exception {
        BtfBuilder b = new BtfBuilder();
        int u8 = b.integer("unsigned char", 1, 0);
        int nibbleHigh = b.integer("nibble", 1, 0, 4, 4); // 4 bits starting at bit 4 of its byte
        int s = b.struct("s", 2, "lo", u8, 0, 0, "hi", nibbleHigh, 8, 0);
        Btf btf = b.parse();
        byte[] bytes = new BtfValueParser(btf).parse(s, "{lo=1, hi=15}");
        assertArrayEquals(new byte[] {1, (byte) 0xf0}, bytes);
        assertEquals("{lo=1, hi=15}", new BtfValueFormatter(btf).text(s, bytes));
    }

    @Test
    void bitfieldsSpanningBytes() throws Exception {
        BtfBuilder b = new BtfBuilder();
        int u32 = b.integer("unsigned int", 4, 0);
        int s = b.struct("s", 4, "a", u32, 0, 3, "b", u32, 3, 10, "c", u32, 13, 19);
        Btf btf = b.parse();
        byte[] bytes = new BtfValueParser(btf).parse(s, "{a=5, b=1023, c=0x7ffff}");
        assertArrayEquals(new byte[] {(byte) 0xfd, (byte) 0xff, (byte) 0xff, (byte) 0xff}, bytes);
        assertEquals("{a=5, b=1023, c=524287}", new BtfValueFormatter(btf).text(s, bytes));
        assertEquals("{a=0, b=1, c=0}", new BtfValueFormatter(btf).text(s, new byte[] {8, 0, 0, 0}));
    }

    @Test
    void wideAndUnsignedIntegers() throws Exception {
        BtfBuilder b = new BtfBuilder();
        int u128 = b.integer("unsigned __int128", 16, 0);
        int s128 = b.integer("__int128", 16, BtfBuilder.SIGNED);
        int u64 = b.integer("u64", 8, 0);
        Btf btf = b.parse();
        BtfValueParser p = new BtfValueParser(btf);
        BtfValueFormatter f = new BtfValueFormatter(btf);
        String max = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE).toString();
        assertEquals(max, f.text(u128, p.parse(u128, max)));
        assertEquals("-1", f.text(s128, p.parse(s128, "-1")));
        String min = BigInteger.ONE.shiftLeft(127).negate().toString();
        assertEquals(min, f.text(s128, p.parse(s128, min)));
        assertEquals(new BigInteger("18446744073709551615"), f.json(u64, p.parse(u64, "0xffffffffffffffff")));
        assertEquals(9223372036854775807L, f.json(u64, p.parse(u64, "9223372036854775807")));
        assertOneLine(assertThrows(BtfValueException.class, () -> p.parse(u128, "-1")),
                "-1 does not fit unsigned __int128 (0..");
    }

    @Test
    void signedEnumsAndEnum64() throws Exception {
        BtfBuilder b = new BtfBuilder();
        int signed = b.enumeration("s", 1, true, "NEG", -2, "POS", 3);
        int e64 = b.enum64("big", 8, false, "TOP", 0xfffffffffffffffeL, "ONE", 1);
        Btf btf = b.parse();
        BtfValueParser p = new BtfValueParser(btf);
        BtfValueFormatter f = new BtfValueFormatter(btf);
        assertArrayEquals(new byte[] {(byte) 0xfe}, p.parse(signed, "NEG"));
        assertEquals("NEG", f.text(signed, p.parse(signed, "-2")));
        assertEquals("-100", f.text(signed, p.parse(signed, "-100")));
        assertOneLine(assertThrows(BtfValueException.class, () -> p.parse(signed, "128")),
                "128 does not fit enum s (-128..127)");
        assertEquals("TOP", f.text(e64, p.parse(e64, "TOP")));
        assertEquals("TOP", f.text(e64, p.parse(e64, "18446744073709551614")));
        assertEquals("18446744073709551615", f.text(e64, p.parse(e64, "0xffffffffffffffff")));
    }

    @Test
    void floatsOfEverySize() throws Exception {
        BtfBuilder b = new BtfBuilder();
        int half = b.floating("_Float16", 2);
        int single = b.floating("float", 4);
        int dbl = b.floating("double", 8);
        Btf btf = b.parse();
        BtfValueFormatter f = new BtfValueFormatter(btf);
        BtfValueParser p = new BtfValueParser(btf);
        assertEquals("0x3c00", f.text(half, new byte[] {0, 0x3c}), "unusual sizes show their bits");
        assertArrayEquals(new byte[] {0, 0x3c}, p.parse(half, "0x3c00"), "and read back as bits");
        assertOneLine(assertThrows(BtfValueException.class, () -> p.parse(half, "0x10000")),
                "0x10000 does not fit 2-byte float bits (0..65535)");
        assertEquals("0.1", f.text(single, p.parse(single, "0.1")));
        assertEquals("1.0E-300", f.text(dbl, p.parse(dbl, "1e-300")));
        assertEquals("-0.0", f.text(dbl, p.parse(dbl, "-0.0")));
        assertEquals("-Infinity", f.text(dbl, p.parse(dbl, "-Infinity")));
        assertEquals("NaN", f.text(single, p.parse(single, "NaN")));
        assertOneLine(assertThrows(BtfValueException.class, () -> p.parse(dbl, "0x10")),
                "expected a decimal number for double, got '0x10' at column 1");
    }

    @Test
    void boolsAndPointers() throws Exception {
        BtfBuilder b = new BtfBuilder();
        int bool = b.integer("_Bool", 1, BtfBuilder.BOOL);
        int ptr = b.ref(BtfKind.PTR, "", 0);
        Btf btf = b.parse();
        BtfValueFormatter f = new BtfValueFormatter(btf);
        BtfValueParser p = new BtfValueParser(btf);
        assertEquals("true", f.text(bool, p.parse(bool, "1")));
        assertEquals(false, f.json(bool, p.parse(bool, "false")));
        assertEquals("7", f.text(bool, new byte[] {7}), "a corrupted bool shows its number");
        assertArrayEquals(new byte[] {7}, p.parse(bool, "7"), "and reads back");
        assertEquals("0xffffffffffffffff", f.text(ptr, p.parse(ptr, "18446744073709551615")));
        assertEquals("void *", btf.typeName(ptr));
    }

    @Test
    void charArraysThatAreNotTextShowAsNumbers() throws Exception {
        BtfBuilder b = new BtfBuilder();
        int ch = b.integer("char", 1, BtfBuilder.SIGNED);
        int u8 = b.integer("unsigned char", 1, 0);
        int idx = b.integer("int", 4, 0);
        int text = b.array(ch, idx, 4);
        int bytes = b.array(u8, idx, 2);
        Btf btf = b.parse();
        BtfValueFormatter f = new BtfValueFormatter(btf);
        assertEquals("\"\u00e9\"", f.text(text, new byte[] {(byte) 0xc3, (byte) 0xa9, 0, 0}));
        assertEquals("[-1, -2, 0, 0]", f.text(text, new byte[] {-1, -2, 0, 0}), "not UTF-8");
        assertEquals("[1, 2]", f.text(bytes, new byte[] {1, 2}), "unsigned char arrays are data");
        assertEquals("\"\\t\\x7f\"", f.text(text, new BtfValueParser(btf).parse(text, "\"\\t\\x7f\"")));
    }

    @Test
    void onlyCharArraysTakeAStringAndSayWhetherTheyDoWithoutBeingTried() throws Exception {
        BtfBuilder b = new BtfBuilder();
        int ch = b.integer("char", 1, BtfBuilder.SIGNED);
        int u8 = b.integer("unsigned char", 1, 0);
        int idx = b.integer("int", 4, 0);
        int name = b.array(ch, idx, 16);
        int ifname = b.ref(BtfKind.TYPEDEF, "ifname_t", name);
        int bytes = b.array(u8, idx, 2);
        int var = b.var("dev", ifname, 1);
        int s = b.struct("pair", 2, "a", u8, 0, 0, "b", u8, 8, 0);
        BtfValueParser p = new BtfValueParser(b.parse());
        for (int typeId : new int[] {name, ifname, var}) {
            assertTrue(p.takesString(typeId), "type " + typeId);
            assertEquals(16, p.parse(typeId, "\"\"").length, "and \"\" parses for type " + typeId);
        }
        for (int typeId : new int[] {ch, idx, bytes, s}) {
            assertFalse(p.takesString(typeId), "type " + typeId);
            final int t = typeId;
            assertThrows(BtfValueException.class, () -> p.parse(t, "\"\""), "and \"\" is refused for type " + typeId);
        }
    }

    @Test
    void jsonTreeUsesPlainJavaTypes() throws Exception {
        BtfBuilder b = new BtfBuilder();
        int u16 = b.integer("u16", 2, 0);
        int arr = b.array(u16, u16, 2);
        int s = b.struct("pair", 6, "k", u16, 0, 0, "v", arr, 16, 0);
        Btf btf = b.parse();
        assertEquals(Map.of("k", 1L, "v", List.of(2L, 3L)),
                new BtfValueFormatter(btf).json(s, new BtfValueParser(btf).parse(s, "{k=1, v=[2, 3]}")));
    }

    @Test
    void refusesTooLargeAndUnsizedValues() throws Exception {
        BtfBuilder b = new BtfBuilder();
        int u8 = b.integer("u8", 1, 0);
        int big = b.array(u8, u8, 32 << 20);
        int proto = b.funcProto(0);
        Btf btf = b.parse();
        assertOneLine(assertThrows(BtfValueException.class, () -> new BtfValueParser(btf).parse(big, "[]")),
                "u8[33554432] is 33554432 bytes; values larger than 16777216 bytes are not supported");
        assertOneLine(assertThrows(BtfFormatException.class, () -> new BtfValueFormatter(btf).text(proto, new byte[0])),
                "has no size");
    }

    @Test
    void refusesDeepNesting() throws Exception {
        BtfBuilder b = new BtfBuilder();
        int t = b.integer("u8", 1, 0);
        for (int i = 0; i < 100; i++) t = b.array(t, 1, 1);
        int deepest = t;
        Btf btf = b.parse();
        assertOneLine(assertThrows(BtfFormatException.class, () -> new BtfValueFormatter(btf).text(deepest,
                new byte[1])), "nests types deeper than 64 levels");
        assertOneLine(assertThrows(BtfFormatException.class, () -> new BtfValueParser(btf).parse(deepest,
                "[".repeat(100) + "]".repeat(100))), "nests types deeper than 64 levels");
    }

    @Test
    void refusesMembersOutsideTheirStruct() throws Exception {
        BtfBuilder b = new BtfBuilder();
        int u32 = b.integer("u32", 4, 0);
        int s = b.struct("s", 4, "a", u32, 16, 0);
        int unaligned = b.struct("t", 8, "arr", b.array(u32, u32, 1), 3, 0);
        Btf btf = b.parse();
        assertOneLine(assertThrows(BtfFormatException.class, () -> new BtfValueFormatter(btf).text(s, new byte[4])),
                "type 2 (STRUCT s) member 'a' (bits 16..48) extends past its 4 bytes");
        assertOneLine(assertThrows(BtfFormatException.class, () -> new BtfValueParser(btf).parse(unaligned, "{}")),
                "member 'arr' at bit offset 3 is not byte aligned");
    }

    @Test
    void emptyElementsAreBoundedByTheRenderingBudget() throws Exception {
        BtfBuilder b = new BtfBuilder();
        int empty = b.struct("empty", 0);
        int many = b.array(empty, empty, -1);
        Btf btf = b.parse();
        assertOneLine(assertThrows(BtfValueException.class, () -> new BtfValueFormatter(btf).text(many, new byte[0])),
                "has too many parts to show");
    }
}
