package io.bpfsh.shell.commands;

import static io.bpfsh.engine.spec.CraftedObject.concat;
import static io.bpfsh.engine.spec.CraftedObject.exit;
import static io.bpfsh.engine.spec.CraftedObject.movR0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.spec.CraftedObject;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.TestBpffs;
import io.bpfsh.shell.TestShell;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** libbpf's '?' prefix through load: such a program is skipped, with the reason, unless --optional names it. */
@KernelTest
class OptionalProgramsKernelTest {
    @TempDir
    Path dir;
    private TestBpffs fs;
    private TestShell sh;
    private Path object;

    @BeforeEach
    void setUp() {
        fs = new TestBpffs("OptionalProgramsKernelTest");
        sh = new TestShell(fs.root());
        CraftedObject o = new CraftedObject();
        o.function("pass_all", o.program("xdp", concat(movR0(), exit())), 0, 16);
        o.function("maybe", o.program("?xdp", concat(movR0(), exit())), 0, 16);
        o.license("GPL");
        object = o.write(dir, "optional.o");
    }

    @AfterEach
    void tearDown() {
        sh.close();
        fs.close();
    }

    @Test
    void skippedUnlessAsked() {
        String out = sh.ok("load " + object + " --as o");
        assertTrue(out.contains("skipped program ?xdp: not loaded unless asked (the section name starts with '?')\n"),
                out);
        assertEquals(List.of("xdp"), sh.session().programSections("o"));
        sh.ok("load " + object + " --as both --optional maybe");
        assertEquals(List.of("xdp", "?xdp"), sh.session().programSections("both"));
        assertEquals("error: " + object + ": 'xdp' is not a program of the object with the '?' prefix",
                sh.fails("load " + object + " --as none --optional xdp"));
    }
}
