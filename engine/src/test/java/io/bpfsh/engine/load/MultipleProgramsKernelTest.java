package io.bpfsh.engine.load;

import static io.bpfsh.engine.spec.CraftedObject.concat;
import static io.bpfsh.engine.spec.CraftedObject.exit;
import static io.bpfsh.engine.spec.CraftedObject.gobpfArray;
import static io.bpfsh.engine.spec.CraftedObject.ldImm64;
import static io.bpfsh.engine.spec.CraftedObject.movR0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.spec.CraftedObject;
import io.bpfsh.engine.sys.ProgType;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.TestBpffs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A section holding two global functions loads as two programs; program(section) is then ambiguous and answers
 * nothing, program(function) finds each. An unknown executable section is reported in the load report as skipped.
 */
@KernelTest
class MultipleProgramsKernelTest {
    @TempDir
    Path dir;

    @Test
    void twoFunctionsInOneSection() throws Exception {
        CraftedObject o = new CraftedObject();
        int sec = o.program("socket/x", concat(movR0(), exit(), ldImm64(1), movR0(), exit()));
        int m = o.object("m", o.data("maps/m", gobpfArray(0, "")), 0, 280);
        o.function("first", sec, 0, 16);
        o.function("second", sec, 16, 32);
        o.relocation(sec, 16, m);
        o.program("mystery", concat(movR0(), exit()));
        o.license("GPL");
        try (TestBpffs fs = new TestBpffs("MultipleProgramsKernelTest");
             Module module = Module.open(o.write(dir, "two.o"), fs.bpffs())) {
            LoadReport report = module.load(Map.of(), LoadOptions.defaults().withProgramType("mystery", ProgType.SOCKET_FILTER));
            assertEquals(List.of("first", "second", "mystery"), module.programs().stream().map(LoadedProgram::name).toList());
            assertEquals(Optional.empty(), module.program("socket/x"), "two programs: the section alone is ambiguous");
            LoadedProgram first = module.program("first").orElseThrow();
            LoadedProgram second = module.program("second").orElseThrow();
            assertEquals("socket/x", first.section());
            assertEquals("first", first.program().info().name(), "the kernel knows it by its function name");
            assertEquals(List.of(), first.program().info().mapIds());
            assertEquals(List.of(module.map("m").orElseThrow().map().id()), second.program().info().mapIds());
            assertEquals(ProgType.SOCKET_FILTER, module.program("mystery").orElseThrow().program().type(),
                    "the type given for a section whose name says none: " + report);
        }
    }
}
