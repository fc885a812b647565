package io.bpfsh.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.Samples;
import io.bpfsh.engine.testing.TestBpffs;
import io.bpfsh.shell.TestShell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * load with modern objects: --dry-run lists each CO-RE relocation and how it resolved, a refusal names the
 * relocation, and --set writes a global variable before the programs load.
 */
@KernelTest
class ModernLoadKernelTest {
    @RegisterExtension
    final TestBpffs fs = new TestBpffs();

    @Test
    void dryRunListsEveryRelocationAndItsResolution() {
        try (TestShell sh = new TestShell(fs.root())) {
            String out = sh.ok("load " + Samples.object("core_task.o") + " --dry-run");
            assertTrue(out.contains("\n20 CO-RE relocations against this kernel's BTF:\n"), out);
            assertTrue(out.contains("\n  socket insn 13: byte_off [21] struct task_struct.pid (0:5 @ offset 36) -> "
                    + "vmlinux ["), out);
            assertTrue(out.contains("\n  socket insn 93: byte_off [23] struct task_struct___bpfsh.bpfsh_no_such_field "
                    + "(0:0 @ offset 0) -> no match in the kernel: poisoned\n"), out);
            assertTrue(sh.session().moduleNames().isEmpty(), "a dry run loads nothing");
        }
        try (TestShell js = new TestShell(fs.root(), true)) {
            String out = js.ok("load " + Samples.object("core_task.o") + " --dry-run");
            assertEquals(1, out.lines().count(), out);
            assertTrue(out.contains("\"core_relocations\": [{\"section\": \"socket\", \"instruction\": 13, \"kind\": "
                    + "\"byte_off\", \"access\": \"0:5\", \"local\": \"[21] struct task_struct.pid (0:5 @ offset 36)\", "
                    + "\"target_btf\": \"vmlinux\", \"target\": \"["), out);
            assertTrue(out.contains("\"kind\": \"byte_off\", \"access\": \"0:0\", \"local\": \"[23] struct "
                    + "task_struct___bpfsh.bpfsh_no_such_field (0:0 @ offset 0)\", \"target_btf\": null, \"target\": "
                    + "null, \"poisoned\": true}"), out);
        }
    }

    @Test
    void aLoadThatReadsAMissingFieldFailsNamingIt() {
        try (TestShell sh = new TestShell(fs.root())) {
            String err = sh.fails("load " + Samples.object("core_missing.o"));
            assertTrue(err.contains(": program read_missing: instruction 12 uses CO-RE relocation byte_off [18] struct "
                    + "task_struct.bpfsh_no_such_field (0:1 @ offset 8), and nothing in the kernel's BTF matches it: "),
                    err);
            assertEquals(1, err.strip().lines().count(), err);
            assertTrue(sh.session().moduleNames().isEmpty());
        }
    }

    @Test
    void setWritesAGlobalVariableBeforeTheProgramsLoad() {
        try (TestShell sh = new TestShell(fs.root())) {
            sh.ok("load " + Samples.object("modern_config.o") + " --as cfg --set cfg_divisor=4 --set 'cfg_name=\"tuned\"'");
            String rodata = sh.ok("dump cfg:.rodata");
            assertTrue(rodata.contains("cfg_divisor=4") && rodata.contains("cfg_name=\"tuned\""), rodata);
            String err = sh.fails("load " + Samples.object("modern_config.o") + " --as other --set nosuch=1");
            assertTrue(err.contains(": --set nosuch: the object has no global variable of that name (variables: "),
                    err);
            assertTrue(sh.fails("load " + Samples.object("modern_config.o") + " --as other --set seen=1 --set seen=2")
                    .contains("--set given twice for seen"));
        }
    }

    @Test
    void updateStoresAProgramInAProgramArraySlotByRef() throws Exception {
        try (TestShell sh = new TestShell(fs.root())) {
            sh.ok("load " + Samples.object("modern_tailcall.o") + " --as tail");
            int even = sh.session().module("tail").programs().stream()
                    .filter(p -> p.name().equals("tail_even")).findFirst().orElseThrow().program().id();
            String out = sh.ok("update tail:jump_table 2 id:" + even);
            assertTrue(out.startsWith("updated key: 2  value: " + even + " ("), out);
            assertTrue(sh.ok("lookup tail:jump_table 2").contains("value: " + even), "reads back as its id");
            String err = sh.fails("update tail:jump_table 1 tail:hits");
            assertTrue(err.contains("holds programs"), err);
        }
    }
}
