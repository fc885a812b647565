package io.bpfsh.engine.spec;

import static io.bpfsh.engine.spec.CraftedObject.gobpfArray;
import static io.bpfsh.engine.spec.CraftedObject.loadMapAndExit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The relocation entries themselves: offsets must fall on an instruction, tables must be REL. */
class RelocationEntryTest {
    private final CraftedObject o = new CraftedObject();
    private final int prog = o.program("socket/x", loadMapAndExit());
    private final int mapSymbol = o.object("m", o.data("maps/m", gobpfArray(0, "")), 0, 280);

    @Test
    void offsetNotOnAnEightByteBoundary() {
        o.relocation(prog, 4, mapSymbol);
        assertEquals("crafted.o: section socket/x: relocation at offset 4 for symbol 'm' is not on an instruction boundary",
                o.specError());
    }

    @Test
    void relaTableRefused() {
        o.relocation(prog, 0, mapSymbol).withAddends();
        assertEquals("crafted.o: section socket/x: relocations in .relasocket/x are RELA; eBPF objects use REL",
                o.specError());
    }
}
