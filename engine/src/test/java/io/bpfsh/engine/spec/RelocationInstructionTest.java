package io.bpfsh.engine.spec;

import static io.bpfsh.engine.spec.CraftedObject.concat;
import static io.bpfsh.engine.spec.CraftedObject.exit;
import static io.bpfsh.engine.spec.CraftedObject.gobpfArray;
import static io.bpfsh.engine.spec.CraftedObject.insn;
import static io.bpfsh.engine.spec.CraftedObject.ldImm64;
import static io.bpfsh.engine.spec.CraftedObject.movR0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A map relocation must sit on a whole ld_imm64; any other instruction is refused with offset, symbol and opcode. */
class RelocationInstructionTest {
    private final CraftedObject o = new CraftedObject();
    private final int mapSymbol = o.object("m", o.data("maps/m", gobpfArray(0, "")), 0, 280);

    private String refusal(byte[] code, long offset) {
        o.relocation(o.program("socket/x", code), offset, mapSymbol);
        return o.specError();
    }

    @Test
    void onAMov() {
        assertEquals("crafted.o: section socket/x: relocation at offset 0 for symbol 'm' is on instruction 0xb7,"
                + " not a 64-bit load (ld_imm64)", refusal(concat(movR0(), exit()), 0));
    }

    @Test
    void onAHelperCall() {
        assertEquals("crafted.o: section socket/x: relocation at offset 8 for symbol 'm' is on instruction 0x85,"
                + " not a 64-bit load (ld_imm64)", refusal(concat(movR0(), insn(0x85, 0, 0, 0, 1), exit()), 8));
    }

    @Test
    void onTheSecondHalfOfAnLdImm64() {
        assertEquals("crafted.o: section socket/x: relocation at offset 8 for symbol 'm' is on instruction 0x00,"
                + " not a 64-bit load (ld_imm64)", refusal(concat(ldImm64(1), movR0(), exit()), 8));
    }

    @Test
    void onAnLdImm64WithoutItsSecondHalf() {
        String message = refusal(concat(movR0(), movR0(), insn(0x18, 1, 0, 0, 0)), 16);
        assertTrue(message.startsWith("crafted.o: section socket/x: relocation at offset 16 for symbol 'm'"), message);
        assertFalse(message.contains("0x18, not a 64-bit load"), "does not deny that 0x18 is ld_imm64: " + message);
    }
}
