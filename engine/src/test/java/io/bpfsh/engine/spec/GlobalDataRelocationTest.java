package io.bpfsh.engine.spec;

import static io.bpfsh.engine.spec.CraftedObject.ALLOC;
import static io.bpfsh.engine.spec.CraftedObject.WRITE;
import static io.bpfsh.engine.spec.CraftedObject.concat;
import static io.bpfsh.engine.spec.CraftedObject.exit;
import static io.bpfsh.engine.spec.CraftedObject.insn;
import static io.bpfsh.engine.spec.CraftedObject.movR0;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A relocation into .data/.rodata/.bss addresses a byte of the global-data map's value: symbol value plus
 * the immediate must lie inside it; an empty section is no map at all.
 */
class GlobalDataRelocationTest {
    private final CraftedObject o = new CraftedObject();

    /** r1 = &global + imm (relocated); r0 = 0; exit */
    private int program(int imm) {
        return o.program("socket/x", concat(insn(0x18, 1, 0, 0, imm), insn(0, 0, 0, 0, 0), movR0(), exit()));
    }

    @Test
    void addressPastTheEndOfTheValue() {
        int prog = program(4);
        o.relocation(prog, 0, o.sectionSymbol(o.data(".data", new byte[4])));
        assertEquals("crafted.o: section socket/x: relocation at offset 0 points 4 bytes into .data, which is 4 bytes",
                o.specError());
    }

    @Test
    void symbolValueAndImmediateAddUp() throws Exception {
        int data = o.data(".data", new byte[4]);
        int variable = o.object("counter", data, 2, 2);
        o.relocation(program(1), 0, variable);
        assertEquals(List.of(new Relocation(0, Relocation.Kind.MAP_VALUE, ".data", 3)),
                o.spec().programs().get(0).relocations());

        CraftedObject past = new CraftedObject();
        int prog = past.program("socket/x", concat(insn(0x18, 1, 0, 0, 2), insn(0, 0, 0, 0, 0), movR0(), exit()));
        past.relocation(prog, 0, past.object("counter", past.data(".data", new byte[4]), 2, 2));
        assertEquals("crafted.o: section socket/x: relocation at offset 0 points 4 bytes into .data, which is 4 bytes",
                past.specError());
    }

    @Test
    void emptyBssIsNoMap() {
        int prog = program(0);
        o.relocation(prog, 0, o.sectionSymbol(o.nobits(".bss", ALLOC | WRITE, 8, 0)));
        assertEquals("crafted.o: section socket/x: relocation at offset 0 refers to '' in .bss, which holds no map",
                o.specError());
    }
}
