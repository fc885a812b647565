package io.bpfsh.engine.load;

import static io.bpfsh.engine.load.ModuleKernelTest.u32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.spec.GlobalVariables;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.Samples;
import io.bpfsh.engine.testing.TestBpffs;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Global variables set before load, as a libbpf skeleton sets skel->rodata: the programs see the values. */
@KernelTest
class GlobalVariablesKernelTest {
    @RegisterExtension
    final TestBpffs fs = new TestBpffs();

    private static long u64(byte[] b, int at) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong(at);
    }

    @Test
    void aConstVolatileDivisorChosenAtLoadChangesWhatTheProgramAdds() throws Exception {
        try (Module m = Module.open(Samples.object("modern_config.o"), fs.bpffs())) {
            assertEquals(List.of("cfg_divisor", "cfg_name", "hits", "seen"), GlobalVariables.names(m.spec()));
            m.load(Map.of(), LoadOptions.defaults().withVariables(Map.of("cfg_divisor", "4", "seen", "9",
                    "cfg_name", "\"tuned\"")));
            var bss = m.map(".bss").orElseThrow().map();
            var data = m.map(".data").orElseThrow().map();
            var rodata = m.map(".rodata").orElseThrow().map();
            assertEquals(9, ByteBuffer.wrap(data.lookup(u32(0))).order(ByteOrder.LITTLE_ENDIAN).getInt(),
                    "seen starts at the value set, not the object's 5");
            assertEquals("tuned", new String(rodata.lookup(u32(0)), 4, 5));
            var prog = m.programs().get(0).program();
            prog.testRun(new byte[64], 1);
            prog.testRun(new byte[64], 1);
            assertEquals(8, u64(bss.lookup(u32(0)), 0), "hits += cfg_divisor (4) per run");
        }
    }

    @Test
    void unknownVariablesAndBadValuesAreOneLineErrorsBeforeAnythingIsCreated() throws Exception {
        List<String> before = fs.tree();
        try (Module m = Module.open(Samples.object("modern_config.o"), fs.bpffs())) {
            EngineException e = assertThrows(EngineException.class, () -> m.load(Map.of(),
                    LoadOptions.defaults().withVariables(Map.of("cfg_divisr", "4"))));
            assertEquals(Samples.object("modern_config.o") + ": --set cfg_divisr: the object has no global variable "
                    + "of that name (variables: cfg_divisor, cfg_name, hits, seen)", e.getMessage());
            EngineException bad = assertThrows(EngineException.class, () -> m.load(Map.of(),
                    LoadOptions.defaults().withVariables(Map.of("cfg_divisor", "4294967296"))));
            assertTrue(bad.getMessage().startsWith(Samples.object("modern_config.o") + ": --set cfg_divisor=4294967296: "),
                    bad.getMessage());
            assertTrue(m.maps().isEmpty());
        }
        assertEquals(before, fs.tree());
    }
}
