package io.bpfsh.engine.btf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Layouts flattened into leaves, compared member by member, and values converted between them. */
class BtfLayoutTest {
    private static List<String> changes(BtfLayout newer, BtfLayout older) {
        return BtfLayoutChange.between(newer, older).stream().map(c -> c.member() + " " + c.kind().displayName()).toList();
    }

    @Test
    void nestedStructsAreNamedByPathAndBitfieldsKeepTheirWidth() throws Exception {
        BtfBuilder b = new BtfBuilder();
        int u8 = b.integer("u8", 1, 0);
        int u32 = b.integer("u32", 4, 0);
        int inner = b.struct("inner", 4, "flag", u8, 0, 3, "rest", u8, 3, 5);
        int outer = b.struct("outer", 12, "id", u32, 0, 0, "in", inner, 32, 0, "name", b.array(u8, u32, 4), 64, 0);
        Btf btf = b.parse();
        BtfLayout l = BtfLayout.of(btf, outer);
        assertEquals(List.of("id", "in.flag", "in.rest", "name"), l.leaves().stream().map(BtfLayout.Leaf::name).toList());
        assertEquals("u8:5 at bit 35", l.byName().get("in.rest").describe());
        assertEquals(BtfLayout.LeafKind.ARRAY, l.byName().get("name").kind());
        assertEquals(List.of(""), BtfLayout.of(btf, u32).leaves().stream().map(BtfLayout.Leaf::name).toList());
    }

    @Test
    void everyKindOfChangeIsReported() throws Exception {
        BtfBuilder b = new BtfBuilder();
        int u32 = b.integer("u32", 4, 0);
        int u64 = b.integer("u64", 8, 0);
        int ptr = b.ref(io.bpfsh.engine.btf.BtfKind.PTR, "", u32);
        int older = b.struct("v", 24, "a", u32, 0, 0, "b", u32, 32, 0, "gone", u32, 64, 0, "p", u64, 128, 0);
        int newer = b.struct("v", 24, "b", u32, 0, 0, "a", u64, 64, 0, "p", ptr, 128, 0, "added", u32, 32, 0);
        int same = b.struct("v", 24, "a", u32, 0, 0, "b", u32, 32, 0, "gone", u32, 64, 0, "p", u64, 128, 0);
        Btf btf = b.parse();
        assertEquals(List.of("b moved", "a resized", "p kind changed", "added added", "gone removed"),
                changes(BtfLayout.of(btf, newer), BtfLayout.of(btf, older)));
        assertEquals(List.of(), changes(BtfLayout.of(btf, same), BtfLayout.of(btf, older)));
    }

    @Test
    void conversionWidensZeroFillsDropsAndRenames() throws Exception {
        BtfBuilder b = new BtfBuilder();
        int u16 = b.integer("u16", 2, 0);
        int s32 = b.integer("s32", 4, BtfBuilder.SIGNED);
        int s64 = b.integer("s64", 8, BtfBuilder.SIGNED);
        int older = b.struct("v", 8, "x", s32, 0, 0, "old_name", u16, 32, 0, "gone", u16, 48, 0);
        int newer = b.struct("v", 16, "fresh", s32, 0, 0, "x", s64, 32, 0, "new_name", u16, 96, 0);
        Btf btf = b.parse();
        BtfLayoutConversion c = new BtfLayoutConversion(BtfLayout.of(btf, older), BtfLayout.of(btf, newer),
                Map.of("old_name", "new_name"), "value");
        assertEquals(List.of("fresh"), c.zeroFilled());
        assertEquals(List.of("gone"), c.dropped());
        byte[] old = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(-5).putShort((short) 0xbeef)
                .putShort((short) 9).array();
        byte[] want = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(0).putLong(-5)
                .putShort((short) 0xbeef).putShort((short) 0).array();
        assertArrayEquals(want, c.convert(old, "key 1"));
    }

    @Test
    void aValueThatDoesNotFitIsRefusedNamingTheMember() throws Exception {
        BtfBuilder b = new BtfBuilder();
        int u8 = b.integer("u8", 1, 0);
        int s32 = b.integer("s32", 4, BtfBuilder.SIGNED);
        int older = b.struct("v", 4, "n", s32, 0, 0);
        int newer = b.struct("v", 1, "n", u8, 0, 0);
        Btf btf = b.parse();
        BtfLayoutConversion c = new BtfLayoutConversion(BtfLayout.of(btf, older), BtfLayout.of(btf, newer), Map.of(),
                "value");
        assertEquals(List.of("n"), c.narrowed());
        assertArrayEquals(new byte[] {(byte) 255}, c.convert(new byte[] {(byte) 255, 0, 0, 0}, "key 1"));
        BtfValueException big = assertThrows(BtfValueException.class, () -> c.convert(new byte[] {0, 1, 0, 0}, "key 2"));
        assertEquals("key 2: member n = 256 does not fit u8 (8 unsigned bits) of member n in the new map",
                big.getMessage());
        BtfValueException negative = assertThrows(BtfValueException.class,
                () -> c.convert(new byte[] {-1, -1, -1, -1}, "key 3"));
        assertTrue(negative.getMessage().contains("member n = -1 does not fit u8"), negative.getMessage());
    }

    @Test
    void aMemberThatChangedKindOrArraySizeIsRefusedUpFront() throws Exception {
        BtfBuilder b = new BtfBuilder();
        int u32 = b.integer("u32", 4, 0);
        int older = b.struct("v", 8, "a", u32, 0, 0, "arr", b.array(u32, u32, 1), 32, 0);
        int kind = b.struct("v", 8, "a", b.array(u32, u32, 1), 0, 0, "arr", b.array(u32, u32, 1), 32, 0);
        int size = b.struct("v", 12, "a", u32, 0, 0, "arr", b.array(u32, u32, 2), 32, 0);
        Btf btf = b.parse();
        BtfValueException k = assertThrows(BtfValueException.class, () -> new BtfLayoutConversion(
                BtfLayout.of(btf, older), BtfLayout.of(btf, kind), Map.of(), "value"));
        assertEquals("value member a changed kind: integer u32 in the old map, array u32[1] in the new one",
                k.getMessage());
        BtfValueException s = assertThrows(BtfValueException.class, () -> new BtfLayoutConversion(
                BtfLayout.of(btf, older), BtfLayout.of(btf, size), Map.of(), "value"));
        assertEquals("value member arr changed size: u32[1] (4 bytes) in the old map, u32[2] (8 bytes) in the new one",
                s.getMessage());
    }
}
