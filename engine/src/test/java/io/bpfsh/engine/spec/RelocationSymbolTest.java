package io.bpfsh.engine.spec;

import static io.bpfsh.engine.spec.CraftedObject.concat;
import static io.bpfsh.engine.spec.CraftedObject.exit;
import static io.bpfsh.engine.spec.CraftedObject.gobpfArray;
import static io.bpfsh.engine.spec.CraftedObject.insn;
import static io.bpfsh.engine.spec.CraftedObject.iproute2Map;
import static io.bpfsh.engine.spec.CraftedObject.ldImm64;
import static io.bpfsh.engine.spec.CraftedObject.movR0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.elf.ElfSection;
import io.bpfsh.engine.elf.ElfSymbol;
import io.bpfsh.engine.insn.Instruction;
import io.bpfsh.engine.insn.Pseudo;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An ld_imm64 relocation must name a map or a .text function (a callback). A symbol anywhere else (license,
 * plain data, an object in .text, nowhere) is refused with the program section, the relocation's offset and
 * the symbol.
 */
class RelocationSymbolTest {
    private final CraftedObject o = new CraftedObject();
    /** r0 = 0; r1 = <relocated ld_imm64 at offset 8>; r0 = 0; exit */
    private final int prog = o.program("socket/x", concat(movR0(), ldImm64(1), movR0(), exit()));

    @Test
    void symbolInLicense() {
        int license = o.license("GPL");
        o.relocation(prog, 8, o.object("_license", license, 0, 4));
        assertEquals("crafted.o: section socket/x: relocation at offset 8 refers to '_license' in license,"
                + " which holds no map", o.specError());
    }

    @Test
    void symbolInPlainDataSection() {
        int data = o.data("mydata", new byte[8]);
        o.relocation(prog, 8, o.object("counter", data, 4, 4));
        assertEquals("crafted.o: section socket/x: relocation at offset 8 refers to 'counter' in mydata,"
                + " which holds no map", o.specError());
    }

    @Test
    void dataSectionWithoutAllocIsNotGlobalData() {
        int data = o.section(".data", ElfSection.SHT_PROGBITS, 0, 4, new byte[4]);
        o.relocation(prog, 8, o.sectionSymbol(data));
        assertEquals("crafted.o: section socket/x: relocation at offset 8 refers to '' in .data, which holds no map",
                o.specError());
    }

    /** A global function's address is a callback (bpf_loop and the like): linked in, as libbpf does. */
    @Test
    void functionInTextIsACallback() throws Exception {
        int text = o.program(".text", concat(movR0(), exit()));
        o.relocation(prog, 8, o.function("helper", text, 0, 16));
        ProgramSpec p = o.spec().programs().get(0);
        assertEquals(7, p.instructionCount(), "the program's 5 instructions, then helper's 2");
        Instruction ld = Instruction.decode(p.instructions(), 8);
        assertEquals(Pseudo.FUNC, ld.src());
        assertEquals(5 - 1 - 1, ld.imm(), "pc-relative to helper at 5");
        assertTrue(p.relocations().isEmpty(), "no map to fill in");
    }

    @Test
    void anObjectInTextIsNoCallback() {
        int text = o.program(".text", concat(movR0(), exit()));
        o.relocation(prog, 8, o.object("thing", text, 0, 16));
        assertEquals("crafted.o: section socket/x: relocation at offset 8 refers to 'thing' in .text,"
                + " which holds no map", o.specError());
    }

    @Test
    void nullSymbol() {
        o.relocation(prog, 8, 0);
        assertEquals("crafted.o: section socket/x: relocation at offset 8 has no symbol", o.specError());
    }

    @Test
    void undefinedSymbol() {
        o.relocation(prog, 8, o.symbol("ext", ElfSymbol.STB_GLOBAL, ElfSymbol.STT_NOTYPE, ElfSymbol.SHN_UNDEF, 0, 0));
        String message = o.specError();
        assertTrue(message.startsWith("crafted.o: section socket/x: relocation at offset 8 refers to 'ext'"), message);
        assertFalse(message.contains(" in , "), "names no empty section: " + message);
    }

    @Test
    void sectionSymbolIntoTheMiddleOfAnIproute2Entry() {
        int maps = o.data("maps", concat(iproute2Map(2, 4, 4, 1, 0, 0, 0), iproute2Map(2, 4, 4, 1, 0, 0, 0)));
        o.object("a", maps, 0, 36);
        o.object("b", maps, 36, 36);
        // the addend of a REL entry lives in the instruction's immediate: 18 bytes into the section
        int y = o.program("socket/y", concat(insn(0x18, 1, 0, 0, 18), insn(0, 0, 0, 0, 0), movR0(), exit()));
        o.relocation(y, 0, o.sectionSymbol(maps));
        assertEquals("crafted.o: section socket/y: relocation at offset 0 refers to '' (offset 18), which is not"
                + " the start of a map definition", o.specError());
    }

    @Test
    void sectionSymbolAtAnEntryStartNamesThatMap() throws Exception {
        int maps = o.data("maps", concat(iproute2Map(2, 4, 4, 1, 0, 0, 0), iproute2Map(1, 4, 8, 2, 0, 0, 0)));
        o.object("a", maps, 0, 36);
        o.object("b", maps, 36, 36);
        int other = o.program("socket/y", concat(insn(0x18, 1, 0, 0, 36), insn(0, 0, 0, 0, 0), movR0(), exit()));
        o.relocation(prog, 8, o.sectionSymbol(maps));
        o.relocation(other, 0, o.sectionSymbol(maps));
        List<ProgramSpec> programs = o.spec().programs();
        assertEquals(List.of(new Relocation(1, Relocation.Kind.MAP_FD, "a", 0)), programs.get(0).relocations());
        assertEquals(List.of(new Relocation(0, Relocation.Kind.MAP_FD, "b", 0)), programs.get(1).relocations());
    }

    @Test
    void anySymbolInAGobpfMapSectionNamesItsMap() throws Exception {
        int map = o.data("maps/m", gobpfArray(0, ""));
        o.relocation(prog, 8, o.sectionSymbol(map));
        assertEquals(List.of(new Relocation(1, Relocation.Kind.MAP_FD, "m", 0)),
                o.spec().programs().get(0).relocations());
    }
}
