package io.bpfsh.engine.externs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.btf.Btf;
import io.bpfsh.engine.elf.ElfFile;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.Libbpf;
import io.bpfsh.engine.testing.Samples;
import io.bpfsh.engine.testing.TestBpffs;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** samples/modern_kconfig.o's externs are what libbpf collects: the same kinds and the same .kconfig offsets. */
@KernelTest
class ObjectExternsKernelTest {
    private static final Pattern KCFG = Pattern.compile("extern \\(kcfg\\) #\\d+: symbol \\d+, off (\\d+), name (\\w+)");
    private static final Pattern KSYM = Pattern.compile("extern \\(ksym\\) #\\d+: symbol \\d+, name (\\w+)");

    @Test
    void layoutIsLibbpfs() throws Exception {
        ElfFile elf = ElfFile.read(Samples.object("modern_kconfig.o"));
        ByteBuffer b = elf.section(".BTF").orElseThrow().data();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        ObjectExterns ours = ObjectExterns.read(elf, Btf.parse("x", bytes), "modern_kconfig.o");

        String log;
        try (TestBpffs fs = new TestBpffs("ObjectExternsKernelTest")) {
            log = Libbpf.loadall(fs, Samples.object("modern_kconfig.o"), "p").output();
        }
        Map<String, String> theirs = new TreeMap<>();
        Matcher m = KCFG.matcher(log);
        while (m.find()) theirs.put(m.group(2), "kconfig at " + m.group(1));
        m = KSYM.matcher(log);
        while (m.find()) theirs.put(m.group(1), "ksym");
        Map<String, String> mine = new TreeMap<>();
        for (ExternSpec e : ours.all()) {
            mine.put(e.name(), e.kind() == ExternSpec.Kind.KCONFIG ? "kconfig at " + e.dataOffset() : "ksym");
        }
        assertEquals(theirs, mine, log);
        assertEquals(49, ours.kconfigSize(), "the last: a 32-byte string at 17");
        assertTrue(ours.byName("CONFIG_BPFSH_NO_SUCH_OPTION").orElseThrow().weak());
        assertEquals(ExternSpec.Kind.KSYM_ADDRESS, ours.byName("_stext").orElseThrow().kind());
    }
}
