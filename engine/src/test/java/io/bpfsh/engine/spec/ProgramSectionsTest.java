package io.bpfsh.engine.spec;

import static io.bpfsh.engine.spec.CraftedObject.concat;
import static io.bpfsh.engine.spec.CraftedObject.exit;
import static io.bpfsh.engine.spec.CraftedObject.gobpfArray;
import static io.bpfsh.engine.spec.CraftedObject.ldImm64;
import static io.bpfsh.engine.spec.CraftedObject.movR0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.elf.ElfSymbol;
import io.bpfsh.engine.sys.ProgType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which executable sections become programs: unknown names become programs of type UNSPEC, never
 * dropped; a section must be whole instructions; each global function in a section is its own program.
 */
class ProgramSectionsTest {
    private final CraftedObject o = new CraftedObject();
    private static final byte[] RETURN_0 = concat(movR0(), exit());

    @Test
    void unknownExecutableSectionsAreProgramsOfNoTypeNeverDropped() throws Exception {
        o.program("mystery", RETURN_0);
        o.program("fentry/do_sys_open", RETURN_0);
        o.data("notes", new byte[8]); // not executable: not a program
        ObjectSpec s = o.spec();
        assertEquals(List.of("mystery", "fentry/do_sys_open"), s.programs().stream().map(ProgramSpec::section).toList());
        assertEquals(List.of(ProgType.UNSPEC, ProgType.TRACING), s.programs().stream().map(ProgramSpec::type).toList());
        assertEquals(List.of("mystery"), s.untypedSections());
        assertEquals(24, s.programs().get(1).expectedAttachType(), "BPF_TRACE_FENTRY");
    }

    @Test
    void executableSectionThatIsNotWholeInstructions() {
        o.program("socket/x", new byte[12]);
        assertEquals("crafted.o: section socket/x: 12 bytes is not a whole number of 8-byte instructions", o.specError());
    }

    @Test
    void sizeIsCheckedBeforeTheNameSoAnUnknownSectionIsNotMerelySkipped() {
        o.program("mystery", new byte[20]);
        assertEquals("crafted.o: section mystery: 20 bytes is not a whole number of 8-byte instructions", o.specError());
    }

    @Test
    void emptyExecutableSectionIsNeitherProgramNorSkipped() throws Exception {
        o.program("socket/empty", new byte[0]);
        assertEquals(List.of(), o.spec().programs());
        assertEquals(List.of(), o.spec().untypedSections());
    }

    @Test
    void programNameIsTheFunctionOrElseTheSectionWithUnderscores() throws Exception {
        o.function("count", o.program("xdp/count", RETURN_0), 0, 16);
        o.program("socket/anon", RETURN_0);
        assertEquals(List.of("count", "socket_anon"), o.spec().programs().stream().map(ProgramSpec::name).toList());
    }

    @Test
    void twoGlobalFunctionsInOneSectionAreTwoPrograms() throws Exception {
        // f1: r0 = 0; exit.  f2: r1 = map m; r0 = 0; exit.  A static (local) function is part of f1.
        int sec = o.program("socket/x", concat(RETURN_0, ldImm64(1), RETURN_0));
        int m = o.object("m", o.data("maps/m", gobpfArray(0, "")), 0, 280);
        o.function("f1", sec, 0, 16);
        o.symbol("local_helper", ElfSymbol.STB_LOCAL, ElfSymbol.STT_FUNC, sec, 8, 8);
        o.function("f2", sec, 16, 32);
        o.relocation(sec, 16, m);
        List<ProgramSpec> p = o.spec().programs();
        assertEquals(List.of("f1", "f2"), p.stream().map(ProgramSpec::name).toList());
        assertEquals(List.of("socket/x", "socket/x"), p.stream().map(ProgramSpec::section).toList());
        assertEquals(List.of(2, 4), p.stream().map(ProgramSpec::instructionCount).toList());
        assertEquals(List.of(), p.get(0).relocations());
        assertEquals(List.of(new Relocation(0, Relocation.Kind.MAP_FD, "m", 0)), p.get(1).relocations(),
                "f2's relocation is counted from f2's first instruction");
        assertTrue(p.stream().allMatch(x -> x.type() == ProgType.SOCKET_FILTER));
    }

    @Test
    void functionSymbolInsideAnInstruction() {
        int sec = o.program("socket/x", concat(RETURN_0, RETURN_0));
        o.function("f1", sec, 0, 12);
        o.function("f2", sec, 12, 20);
        String message = o.specError();
        assertTrue(message.startsWith("crafted.o: section socket/x: ") && message.contains("'f2'")
                && message.contains("12"), message);
    }

    @Test
    void twoFunctionSymbolsAtOneOffset() throws Exception {
        int sec = o.program("socket/x", concat(RETURN_0, RETURN_0));
        o.function("f1", sec, 0, 16);
        o.function("f2", sec, 0, 16);
        assertTrue(o.spec().programs().stream().allMatch(p -> p.instructionCount() > 0), "no empty program");
    }
}
