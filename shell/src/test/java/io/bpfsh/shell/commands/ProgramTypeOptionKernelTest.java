package io.bpfsh.shell.commands;

import static io.bpfsh.engine.spec.CraftedObject.concat;
import static io.bpfsh.engine.spec.CraftedObject.exit;
import static io.bpfsh.engine.spec.CraftedObject.movR0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.spec.CraftedObject;
import io.bpfsh.engine.sys.BpfProgram;
import io.bpfsh.engine.sys.KernelObjects;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.TestBpffs;
import io.bpfsh.shell.TestShell;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * load --type: a section whose name says no program type fails the load naming the section and saying how
 * to give it, and loads as the type given, for that section or for every such section; the kernel (through
 * the program's info) confirms the type.
 */
@KernelTest
class ProgramTypeOptionKernelTest {
    @TempDir
    Path dir;
    private TestBpffs fs;
    private TestShell sh;
    private Path object;

    @BeforeEach
    void setUp() {
        fs = new TestBpffs("ProgramTypeOptionKernelTest");
        sh = new TestShell(fs.root());
        CraftedObject o = new CraftedObject();
        o.function("pass_all", o.program("mystery", concat(movR0(), exit())), 0, 16);
        o.license("GPL");
        object = o.write(dir, "untyped.o");
    }

    @AfterEach
    void tearDown() {
        sh.close();
        fs.close();
    }

    @Test
    void anUntypedSectionFailsNamingItUntilTypeGivesIt() throws Exception {
        assertEquals("error: " + object + ": section mystery: unknown program type (the section name follows no"
                + " convention bpfsh knows); give it with --type mystery=TYPE, e.g. --type mystery=xdp, or --type"
                + " TYPE for every such section", sh.fails("load " + object + " --as none"));
        assertEquals(List.of(), sh.session().moduleNames());

        String out = sh.ok("load " + object + " --as one --type mystery=xdp");
        assertTrue(out.contains("loaded program mystery (xdp, id "), out);
        assertEquals("xdp", kernelTypeOf(out));

        out = sh.ok("load " + object + " --as every --type socket_filter");
        assertTrue(out.contains("loaded program mystery (socket_filter, id "), out);
        assertEquals("socket_filter", kernelTypeOf(out));
    }

    @Test
    void badTypeOptionsAreOneLineAndLoadNothing() {
        assertTrue(sh.fails("load " + object + " --type mystery=nope")
                .startsWith("error: load " + object + ": --type nope: not a program type (one of: socket_filter, "));
        assertEquals("error: load " + object + ": --type given twice for section mystery",
                sh.fails("load " + object + " --type mystery=xdp --type mystery=xdp"));
        assertEquals(List.of(), sh.session().moduleNames());
    }

    /** The type the kernel reports for the program id the load printed. */
    private static String kernelTypeOf(String loadOutput) throws Exception {
        String rest = loadOutput.substring(loadOutput.indexOf(", id ") + 5);
        int id = Integer.parseInt(rest.substring(0, rest.indexOf(')')));
        try (BpfProgram p = KernelObjects.openProgram(id)) {
            return p.type().displayName();
        }
    }
}
