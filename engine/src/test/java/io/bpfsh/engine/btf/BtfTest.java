package io.bpfsh.engine.btf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Decoding and the type queries, on sections assembled by {@link BtfBuilder}. */
class BtfTest {
    @Test
    void decodesEveryKind() throws Exception {
        BtfBuilder b = new BtfBuilder();
        int u32 = b.integer("unsigned int", 4, 0);                                    // 1
        int ptr = b.ref(BtfKind.PTR, "", u32);                                        // 2
        int arr = b.array(u32, u32, 3);                                               // 3
        int st = b.struct("s", 8, "a", u32, 0, 0, "b", u32, 32, 5);                   // 4
        int un = b.composite(BtfKind.UNION, "u", 4, "x", u32, 0, 0);                  // 5
        int en = b.enumeration("e", 4, true, "NEG", -1, "ONE", 1);                    // 6
        int fwd = b.fwd("later", true);                                               // 7
        int td = b.ref(BtfKind.TYPEDEF, "__u32", u32);                                // 8
        int vol = b.ref(BtfKind.VOLATILE, "", td);                                    // 9
        int cst = b.ref(BtfKind.CONST, "", vol);                                      // 10
        int rst = b.ref(BtfKind.RESTRICT, "", ptr);                                   // 11
        int proto = b.funcProto(u32, "x", u32, "", 0);                                // 12
        int fn = b.func("f", proto, 1);                                               // 13
        int var = b.var("v", cst, 1);                                                 // 14
        int sec = b.datasec(".data", 4, var, 0, 4);                                   // 15
        int flt = b.floating("double", 8);                                            // 16
        int tag = b.declTag("tag", st, 1);                                            // 17
        int ttag = b.ref(BtfKind.TYPE_TAG, "user", u32);                              // 18
        int e64 = b.enum64("big", 8, false, "MAX", -1L);                              // 19
        Btf btf = b.parse();

        assertEquals(19, btf.typeCount());
        BtfHeader h = btf.header();
        assertEquals(new BtfHeader(1, 0, 24, 0, h.strOff(), h.strOff(), b.build().length - 24 - h.strOff()), h);
        assertEquals(new BtfType.Int(u32, "unsigned int", 4, false, false, false, 0, 32), btf.type(u32));
        assertEquals(new BtfType.Ref(ptr, BtfKind.PTR, "", u32), btf.type(ptr));
        assertEquals(new BtfType.Array(arr, u32, u32, 3), btf.type(arr));
        assertEquals(new BtfType.Composite(st, BtfKind.STRUCT, "s", 8,
                List.of(new BtfMember("a", u32, 0, 0), new BtfMember("b", u32, 32, 5))), btf.type(st));
        assertEquals(BtfKind.UNION, btf.type(un).kind());
        assertEquals(List.of(new BtfEnumValue("NEG", -1), new BtfEnumValue("ONE", 1)),
                ((BtfType.Enum) btf.type(en)).values());
        assertEquals(new BtfType.Fwd(fwd, "later", true), btf.type(fwd));
        assertEquals(new BtfType.FuncProto(proto, u32, List.of(new BtfParam("x", u32), new BtfParam("", 0))),
                btf.type(proto));
        assertEquals(new BtfType.Func(fn, "f", proto, 1), btf.type(fn));
        assertEquals(new BtfType.Var(var, "v", cst, 1), btf.type(var));
        assertEquals(new BtfType.Datasec(sec, ".data", 4, List.of(new BtfVarSecinfo(var, 0, 4))), btf.type(sec));
        assertEquals(new BtfType.Float(flt, "double", 8), btf.type(flt));
        assertEquals(new BtfType.DeclTag(tag, "tag", st, 1), btf.type(tag));
        assertEquals(new BtfType.Ref(ttag, BtfKind.TYPE_TAG, "user", u32), btf.type(ttag));
        assertEquals(List.of(new BtfEnumValue("MAX", -1L)), ((BtfType.Enum) btf.type(e64)).values());
        assertEquals(BtfKind.VOID, btf.type(0).kind());
        assertEquals(19, btf.types().size());
        assertEquals(u32, btf.types().get(0).id());

        assertEquals(u32, btf.resolve(cst));
        assertEquals(ptr, btf.resolve(rst));
        assertEquals(4, btf.sizeOf(cst));
        assertEquals(12, btf.sizeOf(arr));
        assertEquals(8, btf.sizeOf(ptr));
        assertEquals(4, btf.sizeOf(var));
        assertEquals("const volatile __u32", btf.typeName(cst));
        assertEquals("unsigned int *", btf.typeName(ptr));
        assertEquals("unsigned int[3]", btf.typeName(arr));
        assertEquals("union later", btf.typeName(fwd));
        assertEquals(td, btf.findByName("__u32", BtfKind.TYPEDEF).orElseThrow().id());
        assertTrue(btf.findByName("__u32", BtfKind.INT).isEmpty());
        assertEquals("__u32", btf.string(b.str("__u32")));
        assertEquals("", btf.string(0));
    }

    @Test
    void unsignedEnumValuesAreZeroExtended() throws Exception {
        BtfBuilder b = new BtfBuilder();
        int e = b.enumeration("e", 4, false, "BIG", -1);
        assertEquals(List.of(new BtfEnumValue("BIG", 0xffffffffL)), ((BtfType.Enum) b.parse().type(e)).values());
    }

    @Test
    void nestedArraysMultiplyAndSpellInDeclarationOrder() throws Exception {
        BtfBuilder b = new BtfBuilder();
        int i = b.integer("int", 4, BtfBuilder.SIGNED);
        int inner = b.array(i, i, 3);
        int outer = b.array(inner, i, 2);
        Btf btf = b.parse();
        assertEquals(24, btf.sizeOf(outer));
        assertEquals("int[2][3]", btf.typeName(outer));
    }

    @Test
    void sizeOfHugeArrayOverflows() throws Exception {
        BtfBuilder b = new BtfBuilder();
        int u64 = b.integer("u64", 8, 0);
        int huge = b.array(u64, u64, -1); // 0xffffffff elements
        int huger = b.array(huge, u64, -1);
        Btf btf = b.parse();
        assertOneLine(assertThrows(BtfFormatException.class, () -> btf.sizeOf(huge)),
                "test.o: .BTF: size of type 2 (ARRAY) overflows: it exceeds the 4294967295 bytes a BTF size can hold");
        assertOneLine(assertThrows(BtfFormatException.class, () -> btf.sizeOf(huger)), "type 3 (ARRAY)");
    }

    @Test
    void sizeOfRefusesUnsizedTypes() throws Exception {
        BtfBuilder b = new BtfBuilder();
        int proto = b.funcProto(0);
        int fn = b.func("f", proto, 0);
        int fwd = b.fwd("s", false);
        int td = b.ref(BtfKind.TYPEDEF, "opaque", fwd);
        Btf btf = b.parse();
        assertOneLine(assertThrows(BtfFormatException.class, () -> btf.sizeOf(0)), "type 0 (void) has no size");
        assertOneLine(assertThrows(BtfFormatException.class, () -> btf.sizeOf(fn)), "(FUNC f) has no size");
        assertOneLine(assertThrows(BtfFormatException.class, () -> btf.sizeOf(td)),
                "type 4 (TYPEDEF opaque) has no size (through type 3 (FWD s))");
    }

    @Test
    void refusesBadHeaders() {
        byte[] good = simple();
        assertParseError(patch16(good, 0, 0x9feb), "big-endian");
        assertParseError(patch16(good, 0, 0x1234), "bad magic 0x1234, expected 0xeb9f");
        assertParseError(patch8(good, 2, 2), "unsupported version 2, expected 1");
        assertParseError(patch32(good, 4, 5000), "header length 5000 is outside 24..");
        assertParseError(patch32(good, 4, 8), "header length 8 is outside 24..");
        assertParseError(patch32(good, 12, 5000),
                "test.o: .BTF: type section extends past end (offset 24 + length 5000 > " + good.length + ")");
        assertParseError(patch32(good, 16, -4), "string section extends past end (offset 4294967316");
        assertParseError(patch32(good, 8, 2), "not 4-byte aligned");
        assertParseError(new byte[10], "section is 10 bytes, shorter than the 24-byte header");
        assertParseError(new byte[0], "section is 0 bytes");
    }

    @Test
    void refusesBadStringSections() {
        byte[] good = simple();
        assertParseError(patch8(good, good.length - 1, 'x'), "string section does not end with a NUL byte");
        int strings = 24 + ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN).getInt(16);
        assertParseError(patch8(good, strings, 'x'), "does not start with the empty string");
        assertParseError(patch32(good, 16, 0), "overlap"); // string section moved onto the types
        byte[] noStrings = patch32(good, 20, 0);
        assertParseError(noStrings, "does not start with the empty string");
    }

    @Test
    void refusesNameOffsetsOutOfRange() {
        BtfBuilder b = new BtfBuilder();
        b.raw(1000, BtfBuilder.info(BtfKind.INT, 0, false), 4, 32);
        assertParseError(b.build(), "type 1 (INT): name offset 1000 is outside the 1-byte string section");
        BtfBuilder m = new BtfBuilder();
        int i = m.integer("int", 4, 0);
        m.raw(m.str("s"), BtfBuilder.info(BtfKind.STRUCT, 1, false), 4, 77777, i, 0);
        assertParseError(m.build(), "type 2 (STRUCT) member 0: name offset 77777 is outside");
    }

    @Test
    void refusesNamesThatOverlapWithoutBound() {
        BtfBuilder b = new BtfBuilder();
        int start = b.str("a".repeat(5000));
        for (int i = 0; i < 2000; i++) b.raw(start + i, BtfBuilder.info(BtfKind.INT, 0, false), 4, 32);
        assertParseError(b.build(), "names overlap so much that decoding them would need far more memory than the "
                + "5002-byte string section");
    }

    @Test
    void controlCharactersInNamesStayOutOfMessages() {
        BtfBuilder b = new BtfBuilder();
        b.ref(BtfKind.TYPEDEF, "evil\nname\r", 7);
        assertParseError(b.build(), "type 1 (TYPEDEF evil\\x0aname\\x0d) refers to type 7");
    }

    @Test
    void refusesTypeIdsOutOfRange() {
        BtfBuilder b = new BtfBuilder();
        int i = b.integer("int", 4, 0);
        b.struct("s", 8, "x", i, 0, 0, "y", 900, 32, 0);
        assertParseError(b.build(),
                "test.o: .BTF: type 2 (STRUCT s) member 1 'y' refers to type 900, but only 2 types exist");
        BtfBuilder p = new BtfBuilder();
        p.ref(BtfKind.PTR, "", -1);
        assertParseError(p.build(), "type 1 (PTR) refers to type 4294967295, but only 1 types exist");
        BtfBuilder a = new BtfBuilder();
        a.array(0, 5, 1);
        assertParseError(a.build(), "type 1 (ARRAY) index type refers to type 5");
    }

    @Test
    void refusesMalformedRecords() {
        BtfBuilder kind = new BtfBuilder();
        kind.raw(0, 25 << 24, 0);
        assertParseError(kind.build(), "type 1 has unknown kind 25");
        BtfBuilder reserved = new BtfBuilder();
        reserved.raw(0, BtfBuilder.info(BtfKind.PTR, 0, false) | 1 << 20, 0);
        assertParseError(reserved.build(), "reserved bits set");
        BtfBuilder intSize = new BtfBuilder();
        intSize.integer("odd", 3, 0);
        assertParseError(intSize.build(), "type 1 (INT): size 3 is not 1, 2, 4, 8 or 16");
        BtfBuilder bits = new BtfBuilder();
        bits.integer("wide", 4, 0, 8, 32);
        assertParseError(bits.build(), "32 bits at bit offset 8 do not fit its 4 bytes");
        BtfBuilder enc = new BtfBuilder();
        enc.integer("both", 4, BtfBuilder.SIGNED | BtfBuilder.BOOL);
        assertParseError(enc.build(), "invalid encoding word");
        BtfBuilder vlen = new BtfBuilder();
        vlen.raw(0, BtfBuilder.info(BtfKind.STRUCT, 1000, false), 4, 0, 0, 0);
        assertParseError(vlen.build(), "type 1 (STRUCT) needs 12000 bytes of data, only 12 left in the type section");
        BtfBuilder shortRecord = new BtfBuilder();
        shortRecord.integer("int", 4, 0);
        shortRecord.words(0);
        assertParseError(shortRecord.build(), "type 2 at type-section offset 16 needs 12 bytes, only 4 left");
        BtfBuilder fn = new BtfBuilder();
        int i = fn.integer("int", 4, 0);
        fn.func("f", i, 0);
        assertParseError(fn.build(), "type 2 (FUNC f) refers to type 1 (INT int), expected a FUNC_PROTO");
        BtfBuilder sec = new BtfBuilder();
        int j = sec.integer("int", 4, 0);
        sec.datasec(".data", 4, j, 0, 4);
        assertParseError(sec.build(), "entry 0 refers to type 1 (INT int), expected a VAR or FUNC");
    }

    @Test
    void refusesTypedefLoop() {
        BtfBuilder b = new BtfBuilder();
        b.ref(BtfKind.TYPEDEF, "A", 2);
        b.ref(BtfKind.TYPEDEF, "B", 1);
        assertParseError(b.build(),
                "test.o: .BTF: type reference loop: type 1 (TYPEDEF A) -> type 2 (TYPEDEF B) -> type 1 (TYPEDEF A)");
    }

    @Test
    void refusesStructContainingItself() {
        BtfBuilder b = new BtfBuilder();
        int i = b.integer("int", 4, 0);
        b.struct("node", 8, "v", i, 0, 0, "again", 3, 32, 0);
        b.ref(BtfKind.CONST, "", 2);
        assertParseError(b.build(), "type reference loop: type 2 (STRUCT node) -> type 3 (CONST) -> type 2");
    }

    @Test
    void refusesArrayOfItself() {
        BtfBuilder b = new BtfBuilder();
        int i = b.integer("int", 4, 0);
        b.array(2, i, 4);
        assertParseError(b.build(), "type reference loop: type 2 (ARRAY) -> type 2 (ARRAY)");
    }

    @Test
    void acceptsLoopsThroughPointers() throws Exception {
        BtfBuilder b = new BtfBuilder();
        int ptr = b.ref(BtfKind.PTR, "", 2);
        int node = b.struct("node", 8, "next", ptr, 0, 0);
        assertEquals(8, b.parse().sizeOf(node));
    }

    @Test
    void longLoopMessageIsShortened() {
        BtfBuilder b = new BtfBuilder();
        for (int i = 1; i <= 100; i++) b.ref(BtfKind.TYPEDEF, "t" + i, i % 100 + 1);
        BtfFormatException e = assertThrows(BtfFormatException.class, b::parse);
        assertOneLine(e, "... (92 more) -> type 100 (TYPEDEF t100) -> type 1 (TYPEDEF t1)");
    }

    @Test
    void longTypedefChainsDoNotExhaustTheStack() throws Exception {
        BtfBuilder b = new BtfBuilder();
        b.integer("int", 4, 0);
        for (int i = 2; i <= 100_000; i++) b.ref(BtfKind.TYPEDEF, "", i - 1);
        Btf btf = b.parse();
        assertEquals(4, btf.sizeOf(100_000));
        assertEquals(1, btf.resolve(100_000));
    }

    @Test
    void datasecFixupsPatchSizesAndOffsets() throws Exception {
        BtfBuilder b = new BtfBuilder();
        int i = b.integer("int", 4, 0);
        int x = b.var("x", i, 1);
        int y = b.var("y", i, 1);
        int sec = b.datasec(".data", 0, x, 0, 4, y, 0, 4);
        Btf btf = b.parse();
        Btf fixed = Btf.parse("fixed", btf.withDatasecFixups(Map.of(".data", 8L, ".text", 100L), Map.of("y", 4L)));
        assertEquals(new BtfType.Datasec(sec, ".data", 8, List.of(new BtfVarSecinfo(x, 0, 4),
                new BtfVarSecinfo(y, 4, 4))), fixed.type(sec));
        assertEquals(0, ((BtfType.Datasec) btf.type(sec)).size(), "the original is unchanged");
        assertOneLine(assertThrows(BtfFormatException.class,
                () -> btf.withDatasecFixups(Map.of(".data", 6L), Map.of("y", 4L))),
                "test.o: .BTF: DATASEC .data: var y at offset 4 with size 4 extends past the section size 6");
        assertOneLine(assertThrows(BtfFormatException.class, () -> btf.withDatasecFixups(Map.of(".data", -1L), Map.of())),
                "test.o: .BTF: DATASEC section .data: size 18446744073709551615 does not fit the kernel's u32 (0..4294967295)");
        assertOneLine(assertThrows(BtfFormatException.class,
                () -> btf.withDatasecFixups(Map.of(".data", 8L), Map.of("y", 1L << 32))),
                "test.o: .BTF: DATASEC var y: offset (its symbol's value) 4294967296 does not fit the kernel's u32"
                        + " (0..4294967295)");
        assertFalse(java.util.Arrays.equals(btf.raw(), fixed.raw()));
    }

    // ---- helpers

    /** int, struct s { int a; } */
    private static byte[] simple() {
        BtfBuilder b = new BtfBuilder();
        int i = b.integer("int", 4, BtfBuilder.SIGNED);
        b.struct("s", 4, "a", i, 0, 0);
        return b.build();
    }

    static void assertParseError(byte[] section, String expected) {
        assertOneLine(assertThrows(BtfFormatException.class, () -> Btf.parse("test.o: .BTF", section)), expected);
    }

    static void assertOneLine(Exception e, String expectedPart) {
        assertTrue(e.getMessage().contains(expectedPart), () -> "message: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), () -> "message: " + e.getMessage());
    }

    private static byte[] patch8(byte[] b, int at, int v) {
        byte[] c = b.clone();
        c[at] = (byte) v;
        return c;
    }

    private static byte[] patch16(byte[] b, int at, int v) {
        byte[] c = b.clone();
        ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putShort(at, (short) v);
        return c;
    }

    static byte[] patch32(byte[] b, int at, int v) {
        byte[] c = b.clone();
        ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putInt(at, v);
        return c;
    }
}
