package io.bpfsh.engine.btf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** BtfValueParser.parseOnto: a literal written over an existing value, as update's FIELD=VALUE edits use it. */
class BtfValueEditTest {
    @Test
    void fieldsLeftOutKeepTheirBytesAndANamedArrayIsReplacedWhole() throws Exception {
        BtfBuilder b = new BtfBuilder();
        int u8 = b.integer("unsigned char", 1, 0);
        int u32 = b.integer("unsigned int", 4, 0);
        int chars = b.array(b.integer("char", 1, BtfBuilder.SIGNED), u32, 4);
        int bits = b.struct("bits", 1, "lo", u8, 0, 4, "hi", u8, 4, 4);
        int s = b.struct("s", 12, "n", u32, 0, 0, "name", chars, 32, 0, "f", bits, 64, 0);
        Btf btf = b.parse();
        BtfValueParser p = new BtfValueParser(btf);
        BtfValueFormatter f = new BtfValueFormatter(btf);
        byte[] base = p.parse(s, "{n=7, name=\"eth0\", f={lo=1, hi=2}}");
        byte[] edited = p.parseOnto(s, "{name=\"lo\", f={hi=9}}", base);
        assertEquals("{n=7, name=\"lo\", f={lo=1, hi=9}}", f.text(s, edited), "the old string's tail is gone");
        assertEquals("{n=7, name=\"eth0\", f={lo=1, hi=2}}", f.text(s, base), "the base is not changed");
        assertArrayEquals(p.parse(s, "{n=7, name=\"lo\", f={lo=1, hi=9}}"), edited);
        assertThrows(BtfValueException.class, () -> p.parseOnto(s, "{n=1}", new byte[3]));
    }
}
