package io.bpfsh.engine.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.btf.Btf;
import io.bpfsh.engine.btf.BtfExt;
import io.bpfsh.engine.elf.ElfFile;
import io.bpfsh.engine.elf.ElfSection;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.Libbpf;
import io.bpfsh.engine.testing.Samples;
import io.bpfsh.engine.testing.TestBpffs;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every CO-RE relocation of the samples resolved against this kernel's BTF gives what libbpf gives: the same value
 * patched into the same instruction, or the same instruction poisoned (from libbpf's debug log, bpftool -d).
 */
@KernelTest
class CoreLibbpfKernelTest {
    private static final Pattern PATCHED = Pattern.compile(
            "prog '[^']*': relo #(\\d+): patched insn #(\\d+) \\([^)]*\\) (?:imm|off|imm64) \\d+ -> (\\d+)");
    private static final Pattern POISONED = Pattern.compile(
            "prog '[^']*': relo #(\\d+): substituting insn #(\\d+) w/ invalid insn");
    private TestBpffs fs;

    @BeforeEach
    void setUp() {
        fs = new TestBpffs("CoreLibbpfKernelTest");
    }

    @AfterEach
    void tearDown() {
        fs.close();
    }

    private static byte[] bytes(ElfSection s) {
        ByteBuffer b = s.data();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** libbpf's decision per relocation number: "insn N: VALUE" or "insn N: poisoned". */
    private static Map<Integer, String> libbpfDecisions(String log) {
        Map<Integer, String> out = new TreeMap<>();
        Matcher m = PATCHED.matcher(log);
        while (m.find()) out.put(Integer.parseInt(m.group(1)), "insn " + m.group(2) + ": " + m.group(3));
        m = POISONED.matcher(log);
        while (m.find()) { // a poisoned ld_imm64 is two lines, its second slot first
            int relo = Integer.parseInt(m.group(1));
            int insn = Integer.parseInt(m.group(2));
            String prev = out.get(relo);
            if (prev == null || Integer.parseInt(prev.replaceAll("insn (\\d+):.*", "$1")) > insn) {
                out.put(relo, "insn " + insn + ": poisoned");
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"core_task.o", "core_missing.o"})
    void everyRelocationResolvesAsLibbpfResolvesIt(String sample) throws Exception {
        ElfFile elf = ElfFile.read(Samples.object(sample));
        Btf btf = Btf.parse(sample, bytes(elf.section(".BTF").orElseThrow()));
        BtfExt ext = BtfExt.parse(sample, bytes(elf.section(".BTF.ext").orElseThrow()), btf);
        List<CoreResolution> ours = new CoreResolver(sample, btf, CoreTargets.kernel()).resolveAll(ext);
        assertEquals(1, ext.coreRelos().size(), "the samples have one program section, so relo numbers match");

        Libbpf.Run run = Libbpf.loadall(fs, Samples.object(sample), "progs");
        Map<Integer, String> theirs = libbpfDecisions(run.output());
        Map<Integer, String> mine = new TreeMap<>();
        for (CoreResolution r : ours) {
            mine.put(r.index(), "insn " + r.instruction() + ": "
                    + (r.poisoned() ? "poisoned" : Long.toUnsignedString(r.value())));
        }
        assertEquals(theirs, mine, run.output());
        assertTrue(Pattern.compile("found " + ours.size() + " CO-RE relocations").matcher(run.output()).find());
    }
}
