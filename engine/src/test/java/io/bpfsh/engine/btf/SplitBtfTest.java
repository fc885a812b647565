package io.bpfsh.engine.btf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Split BTF, as the kernel shows a module's types: ids and string offsets continue after vmlinux's. */
class SplitBtfTest {
    private static Btf base() throws BtfFormatException {
        BtfBuilder b = new BtfBuilder();
        int u32 = b.integer("u32", 4, 0);
        b.struct("list_head", 16, "next", b.ref(BtfKind.PTR, "", 0), 0, 0);
        b.ref(BtfKind.TYPEDEF, "pid_t", u32);
        return b.parse();
    }

    @Test
    void splitTypesReferToBaseTypesAndNames() throws Exception {
        Btf base = base();
        BtfBuilder s = BtfBuilder.splitOn(base);
        int pid = base.findByName("pid_t", BtfKind.TYPEDEF).orElseThrow().id();
        int list = base.findByName("list_head", BtfKind.STRUCT).orElseThrow().id();
        int mod = s.struct("module_thing", 24, "pid", pid, 0, 0, "node", list, 64, 0);
        Btf split = Btf.parseSplit("mod: .BTF", s.build(), base);

        assertEquals(base.typeCount() + 1, mod);
        assertEquals(base.typeCount() + 1, split.firstOwnTypeId());
        assertEquals(base.typeCount() + 1, split.typeCount());
        assertTrue(split.base().isPresent());
        BtfType.Composite c = (BtfType.Composite) split.type(mod);
        assertEquals("module_thing", c.name());
        assertEquals("pid", c.members().get(0).name());
        assertEquals("pid_t", split.type(c.members().get(0).type()).name(), "a base type through the split view");
        assertEquals(24, split.sizeOf(mod));
        assertEquals("u32", split.type(split.resolve(c.members().get(0).type())).name());
        assertEquals(base.type(list), split.type(list), "base records are shared, not copied");
    }

    @Test
    void splitNameOffsetsMayPointIntoTheBase() throws Exception {
        Btf base = base();
        BtfBuilder s = BtfBuilder.splitOn(base);
        int u32 = base.findByName("u32", BtfKind.INT).orElseThrow().id();
        // a name offset below the base's string length is the base's string
        int baseName = -1;
        for (int off = 0; off < base.strings().total(); off++) {
            if (base.string(off).equals("list_head")) {
                baseName = off;
                break;
            }
        }
        int id = s.raw(baseName, BtfBuilder.info(BtfKind.TYPEDEF, 0, false), u32);
        Btf split = Btf.parseSplit("mod: .BTF", s.build(), base);
        assertEquals("list_head", split.type(id).name());
    }

    @Test
    void referencesPastTheCombinedTypesAreRefused() throws Exception {
        Btf base = base();
        BtfBuilder s = BtfBuilder.splitOn(base);
        s.ref(BtfKind.TYPEDEF, "bad", base.typeCount() + 5);
        BtfFormatException e = assertThrows(BtfFormatException.class,
                () -> Btf.parseSplit("mod: .BTF", s.build(), base));
        assertTrue(e.getMessage().startsWith("mod: .BTF: "), e.getMessage());
        assertTrue(e.getMessage().contains("refers to type " + (base.typeCount() + 5)), e.getMessage());
    }

    @Test
    void loopsAmongSplitTypesAreRefused() throws Exception {
        Btf base = base();
        BtfBuilder s = BtfBuilder.splitOn(base);
        int first = base.typeCount() + 1;
        s.ref(BtfKind.TYPEDEF, "a", first + 1);
        s.ref(BtfKind.TYPEDEF, "b", first);
        assertThrows(BtfFormatException.class, () -> Btf.parseSplit("mod: .BTF", s.build(), base));
    }

    @Test
    void nameOffsetsPastTheCombinedStringsAreRefused() throws Exception {
        Btf base = base();
        BtfBuilder s = BtfBuilder.splitOn(base);
        s.raw(base.strings().total() + 100, BtfBuilder.info(BtfKind.INT, 0, false), 4, 32);
        BtfFormatException e = assertThrows(BtfFormatException.class,
                () -> Btf.parseSplit("mod: .BTF", s.build(), base));
        assertTrue(e.getMessage().contains("name offset"), e.getMessage());
    }
}
