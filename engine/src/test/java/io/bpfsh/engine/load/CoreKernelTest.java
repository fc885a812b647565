package io.bpfsh.engine.load;

import static io.bpfsh.engine.load.ModuleKernelTest.u32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.core.CoreResolution;
import io.bpfsh.engine.sys.ProgramLoadException;
import io.bpfsh.engine.sys.UpdateMode;
import io.bpfsh.engine.testing.Bpftool;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.OpenFds;
import io.bpfsh.engine.testing.Samples;
import io.bpfsh.engine.testing.TestBpffs;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CO-RE and callbacks on the running kernel: what the programs read is checked against what /proc and bpftool say,
 * not against bpfsh's own resolution.
 */
@KernelTest
class CoreKernelTest {
    @RegisterExtension
    final TestBpffs fs = new TestBpffs();

    private static long u64(byte[] value, int field) {
        return ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN).getLong(field * 8);
    }

    /** bpftool's view of vmlinux BTF: {@code [ID] KIND 'NAME' size=N} lines and {@code 'ENUMERATOR' val=N} lines. */
    private static String vmlinuxRaw() {
        return Bpftool.run("btf", "dump", "file", "/sys/kernel/btf/vmlinux", "format", "raw");
    }

    @Test
    void coreReadsOfTheCurrentTaskGiveWhatProcSays() throws Exception {
        String raw = vmlinuxRaw();
        Matcher task = Pattern.compile("(?m)^\\[(\\d+)\\] STRUCT 'task_struct' size=(\\d+)").matcher(raw);
        assertTrue(task.find());
        Matcher sid = Pattern.compile("(?m)^\\s+'PIDTYPE_SID' val=(\\d+)").matcher(raw);
        assertTrue(sid.find());
        try (Module m = Module.open(Samples.object("core_task.o"), fs.bpffs())) {
            m.load(Map.of());
            m.programs().get(0).program().testRun(new byte[64], 1); // runs in this thread: task is this thread
            String[] self = Files.readSymbolicLink(Path.of("/proc/thread-self")).toString().split("/"); // PID/task/TID
            String comm = Files.readString(Path.of("/proc/thread-self/comm")).strip();
            byte[] f = m.map("facts").orElseThrow().map().lookup(u32(0));
            assertEquals(Long.parseLong(self[2]), u64(f, 0), "task->pid is the thread id");
            assertEquals(ProcessHandle.current().pid(), u64(f, 1), "task->tgid is the process id");
            assertEquals(ProcessHandle.current().parent().orElseThrow().pid(), u64(f, 2), "real_parent->tgid");
            assertEquals(0, u64(f, 3), "in_execve: not in execve");
            assertEquals(ProcessHandle.current().pid(), u64(f, 4), "tgid through the ___bpfsh flavor");
            assertEquals(1, u64(f, 5), "tgid exists");
            assertEquals(0, u64(f, 6), "bpfsh_no_such_field does not");
            assertEquals(0, u64(f, 7), "its guarded read was dead code");
            assertEquals(1, u64(f, 8), "PIDTYPE_SID exists");
            assertEquals(Long.parseLong(sid.group(1)), u64(f, 9), "the kernel's PIDTYPE_SID, not the object's 7");
            assertEquals(Long.parseLong(task.group(2)), u64(f, 10), "sizeof(struct task_struct) in the kernel");
            assertEquals(Long.parseLong(task.group(1)), u64(f, 11), "its id in vmlinux BTF");
            assertEquals(0, u64(f, 12), "struct bpfsh_no_such_type does not exist");
            int len = 0;
            while (len < 16 && f[13 * 8 + len] != 0) len++;
            assertEquals(comm, new String(f, 13 * 8, len, StandardCharsets.UTF_8), "task->comm");
        }
    }

    @Test
    void theRelocationsAreListedBeforeLoading() throws Exception {
        try (Module m = Module.open(Samples.object("core_task.o"), fs.bpffs())) {
            List<CoreResolution> all = m.coreRelocations().all();
            assertEquals(20, all.size());
            CoreResolution pid = all.get(0);
            assertEquals("socket insn 13: byte_off [21] struct task_struct.pid (0:5 @ offset 36) -> vmlinux [",
                    pid.describe().substring(0, pid.describe().indexOf("vmlinux [") + 9));
            assertTrue(all.stream().anyMatch(CoreResolution::poisoned), "the guarded read of the missing field");
        }
    }

    @Test
    void aReadOfAFieldTheKernelLacksIsRefusedNamingTheRelocation() throws Exception {
        List<String> before = fs.tree();
        int fds = OpenFds.count();
        try (Module m = Module.open(Samples.object("core_missing.o"), fs.bpffs())) {
            ProgramLoadException e = assertThrows(ProgramLoadException.class, () -> m.load(Map.of()));
            String msg = e.getMessage();
            assertTrue(msg.startsWith(Samples.object("core_missing.o") + ": program read_missing: instruction "), msg);
            assertTrue(msg.contains(" uses CO-RE relocation byte_off [18] struct task_struct.bpfsh_no_such_field (0:1 "
                    + "@ offset 8), and nothing in the kernel's BTF matches it: "), msg);
            assertTrue(msg.endsWith("invalid func unknown#195896080"), msg);
            assertTrue(e.verifierLog().contains("call unknown#195896080"));
            assertTrue(m.maps().isEmpty() && m.programs().isEmpty());
        }
        assertEquals(before, fs.tree(), "bpffs unchanged");
        assertEquals(fds, OpenFds.count(), "every FD of the failed load closed");
    }

    @Test
    void callbacksAndAGlobalFunctionRun() throws Exception {
        try (Module m = Module.open(Samples.object("modern_callback.o"), fs.bpffs())) {
            m.load(Map.of());
            var values = m.map("values").orElseThrow().map();
            for (int i = 0; i < 4; i++) {
                values.update(u32(i), ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(10L * (i + 1))
                        .array(), UpdateMode.ANY);
            }
            m.programs().get(0).program().testRun(new byte[64], 1);
            var sums = m.map("sums").orElseThrow().map();
            assertEquals(55, u64(sums.lookup(u32(0)), 0), "bpf_loop: 1 + ... + 10");
            assertEquals(100, u64(sums.lookup(u32(1)), 0), "for_each_map_elem: 10 + 20 + 30 + 40");
            assertEquals(110, u64(sums.lookup(u32(2)), 0), "the global function doubled 55");
        }
    }
}
