package io.bpfsh.engine.load;

import static io.bpfsh.engine.load.ModuleKernelTest.u32;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.Samples;
import io.bpfsh.engine.testing.TestBpffs;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * .kconfig and .ksyms externs get the running kernel's values: checked against what zcat, grep and uname say, not
 * against bpfsh's own readers.
 */
@KernelTest
class ExternsKernelTest {
    @RegisterExtension
    final TestBpffs fs = new TestBpffs();

    private static String sh(String command) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    private static String config(String name) throws Exception {
        return sh("zcat /proc/config.gz | grep '^" + name + "=' | cut -d= -f2-");
    }

    @Test
    void kconfigAndKsymValuesAreTheKernels() throws Exception {
        String[] release = sh("uname -r").split("[.-]");
        long version = (Long.parseLong(release[0]) << 16) + (Long.parseLong(release[1]) << 8)
                + Math.min(255, Long.parseLong(release[2]));
        String text = config("CONFIG_CC_VERSION_TEXT");
        byte[] first8 = java.util.Arrays.copyOf(text.substring(1, text.length() - 1).getBytes(StandardCharsets.UTF_8), 8);
        long stext = Long.parseUnsignedLong(sh("grep ' _stext$' /proc/kallsyms | cut -d' ' -f1"), 16);
        try (Module m = Module.open(Samples.object("modern_kconfig.o"), fs.bpffs())) {
            m.load(Map.of());
            m.programs().get(0).program().testRun(new byte[64], 1);
            var kernel = m.map("kernel").orElseThrow().map();
            long[] got = new long[7];
            for (int i = 0; i < got.length; i++) {
                got[i] = ByteBuffer.wrap(kernel.lookup(u32(i))).order(ByteOrder.LITTLE_ENDIAN).getLong();
            }
            assertEquals(version, got[0], "LINUX_KERNEL_VERSION");
            assertEquals(Long.parseLong(config("CONFIG_HZ")), got[1], "CONFIG_HZ");
            assertEquals("y".equals(config("CONFIG_BPF_SYSCALL")) ? 1 : 0, got[2], "CONFIG_BPF_SYSCALL");
            String cls = config("CONFIG_NET_CLS_BPF");
            assertEquals(cls.equals("y") ? 1 : cls.equals("m") ? 2 : 0, got[3], "CONFIG_NET_CLS_BPF, a tristate");
            assertEquals(0, got[4], "a weak option the kernel lacks");
            assertEquals(ByteBuffer.wrap(first8).order(ByteOrder.LITTLE_ENDIAN).getLong(), got[5],
                    "CONFIG_CC_VERSION_TEXT's first 8 bytes");
            assertEquals(stext, got[6], "&_stext from kallsyms");
        }
    }

    @Test
    void aKfuncCallLoadsAndRuns() throws Exception {
        try (Module m = Module.open(Samples.object("modern_kfunc.o"), fs.bpffs())) {
            LoadReport r = m.load(Map.of());
            assertEquals(List.of(), r.events().stream().filter(e -> e.kind() == LoadEvent.Kind.NOTE).toList(),
                    "the object's BTF, with its kfunc replaced as libbpf does, is accepted");
            m.programs().get(0).program().testRun(new byte[64], 1);
            assertEquals(1, ByteBuffer.wrap(m.map("out").orElseThrow().map().lookup(u32(0)))
                    .order(ByteOrder.LITTLE_ENDIAN).getLong());
        }
    }
}
