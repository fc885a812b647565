package io.bpfsh.engine.spec;

import static io.bpfsh.engine.spec.CraftedObject.concat;
import static io.bpfsh.engine.spec.CraftedObject.exit;
import static io.bpfsh.engine.spec.CraftedObject.gobpfArray;
import static io.bpfsh.engine.spec.CraftedObject.movR0;
import static io.bpfsh.engine.spec.CraftedObject.pseudoCall;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpfsh.engine.elf.ElfRelocation;
import org.junit.jupiter.api.Test;

/** BPF-to-BPF calls are linked against .text; a call anywhere else, or past its end, is refused. */
class CallRelocationTest {
    private final CraftedObject o = new CraftedObject();
    /** call <relocated>; exit */
    private final int prog = o.program("socket/x", concat(pseudoCall(-1), exit()));

    @Test
    void callToAMap() {
        int map = o.object("m", o.data("maps/m", gobpfArray(0, "")), 0, 280);
        o.relocation(prog, 0, map, ElfRelocation.R_BPF_64_32);
        assertEquals("crafted.o: section socket/x: call at offset 0 to 'm', which is not a function in .text",
                o.specError());
    }

    @Test
    void callPastTheEndOfText() {
        int text = o.program(".text", concat(movR0(), exit()));
        // clang's immediate is (callee - 1) in instructions from the symbol: 1 lands on insn 2 of a 2-insn .text
        int prog2 = o.program("socket/y", concat(pseudoCall(1), exit()));
        o.relocation(prog2, 0, o.function("sub", text, 0, 16), ElfRelocation.R_BPF_64_32);
        assertEquals("crafted.o: section socket/y: call at offset 0 to 'sub' points outside .text", o.specError());
    }

    @Test
    void callToAFunctionSymbolInsideAnInstruction() {
        int text = o.program(".text", concat(movR0(), exit()));
        o.relocation(prog, 0, o.function("sub", text, 4, 12), ElfRelocation.R_BPF_64_32);
        assertEquals("crafted.o: section socket/x: call at offset 0 to 'sub' points outside .text", o.specError());
    }

    @Test
    void textThatIsNotWholeInstructions() {
        int text = o.program(".text", new byte[12]);
        o.relocation(prog, 0, o.function("sub", text, 0, 12), ElfRelocation.R_BPF_64_32);
        assertEquals("crafted.o: section .text: 12 bytes is not a whole number of 8-byte instructions", o.specError());
    }
}
