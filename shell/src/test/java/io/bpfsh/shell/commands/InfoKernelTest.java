package io.bpfsh.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.testing.Bpftool;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.Samples;
import io.bpfsh.engine.testing.TestBpffs;
import io.bpfsh.shell.TestShell;
import io.bpfsh.shell.output.JsonReader;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** info: whole names where the kernel cuts them, flags by name, entries and memory. */
@KernelTest
class InfoKernelTest {
    /** A map whose name the kernel cuts, with BTF (so its whole name is there), and a flag set. */
    private static final String LONG_NAME_OBJECT = String.join("\n",
            "#include \"bpfsh_helpers.h\"",
            "struct {",
            "    __uint(type, BPF_MAP_TYPE_HASH);",
            "    __type(key, __u32);",
            "    __type(value, __u64);",
            "    __uint(max_entries, 64);",
            "    __uint(map_flags, 1); /* BPF_F_NO_PREALLOC */",
            "    __uint(pinning, LIBBPF_PIN_BY_NAME);",
            "} connections_per_interface SEC(\".maps\");",
            "char LICENSE[] SEC(\"license\") = \"GPL\";",
            "");

    @TempDir
    Path dir;

    private TestBpffs fs;
    private TestShell sh;

    @BeforeEach
    void setUp() {
        fs = new TestBpffs("shell-info");
        sh = new TestShell(fs.root());
    }

    @AfterEach
    void tearDown() {
        sh.close();
        fs.close();
    }

    private Path compile() throws IOException, InterruptedException {
        Path c = dir.resolve("long_name.c");
        Files.writeString(c, LONG_NAME_OBJECT);
        Path o = dir.resolve("long_name.o");
        Process p = new ProcessBuilder("clang", "-O2", "-g", "-target", "bpf", "-I", Samples.dir().resolve("include").toString(),
                "-c", c.toString(), "-o", o.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, "clang: " + log);
        return o;
    }

    @Test
    void aCutNameIsShownWholeFromTheObjectOrTheBtfWithFlagsEntriesAndMemory() throws Exception {
        sh.ok("load " + compile() + " --as ln");
        sh.ok("update ln:connections_per_interface 1 10");
        sh.ok("update ln:connections_per_interface 2 20");
        String pinned = fs.root().resolve("connections_per_interface").toString();
        long memlock = Bpftool.number(Bpftool.mapShowPinned(pinned), "bytes_memlock");
        for (String ref : List.of("ln:connections_per_interface", "connections_per_interface")) {
            String info = sh.ok("info " + ref);
            assertTrue(info.startsWith("map connections_per_interface (id "), info);
            assertTrue(info.contains("\n  kernel name  connections_per (the kernel keeps 15 characters)\n"), info);
            assertTrue(info.contains("\n  entries      2 (counted now)\n"), info);
            assertTrue(info.contains("\n  flags        0x1 (BPF_F_NO_PREALLOC)\n"), info);
            assertTrue(info.contains("\n  memory       " + memlock + " bytes (memlock, as the kernel charges it)\n"), info);
        }
        sh.close();
        try (TestShell js = new TestShell(fs.root(), true)) {
            Map<String, Object> j = JsonReader.object(JsonReader.parse(js.ok("info connections_per_interface")));
            assertEquals("connections_per_interface", j.get("name"));
            assertEquals("connections_per", j.get("kernel_name"));
            assertEquals(List.of("BPF_F_NO_PREALLOC"), j.get("flag_names"));
            assertEquals(BigInteger.TWO, j.get("entries"));
            assertEquals(BigInteger.valueOf(memlock), j.get("memlock_bytes"));
        }
    }

    @Test
    void anArrayHasEveryIndexAndFlagsNameEachBit() {
        sh.ok("load " + Samples.object("modern_config.o") + " --as config");
        String info = sh.ok("info config:.rodata");
        assertTrue(info.contains("\n  entries      1 (an array has every index)\n"), info);
        assertTrue(info.contains("\n  flags        0x80 (BPF_F_RDONLY_PROG)\n"), info);
    }
}
