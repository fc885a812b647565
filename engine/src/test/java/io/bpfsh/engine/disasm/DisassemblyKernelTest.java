package io.bpfsh.engine.disasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.insn.Opcode;
import io.bpfsh.engine.load.LoadedProgram;
import io.bpfsh.engine.load.Module;
import io.bpfsh.engine.load.SectionParams;
import io.bpfsh.engine.sys.BpfProgram;
import io.bpfsh.engine.testing.Bpftool;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.OpenFds;
import io.bpfsh.engine.testing.Samples;
import io.bpfsh.engine.testing.TestBpffs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The disassembly of every sample program equals {@code bpftool -j prog dump xlated id N opcodes}
 * instruction for instruction: opcode, registers, offset, immediate (both halves of an ld_imm64), the
 * text (helper and function names included) and the source line.
 */
@KernelTest
class DisassemblyKernelTest {
    /** One element of bpftool's array; the fields come in this order. */
    private static final Pattern BPFTOOL_INSN = Pattern.compile("\\{(?:\"proto\":\"(?:[^\"\\\\]|\\\\.)*\",)?"
            + "(?:\"src\":\"(?:[^\"\\\\]|\\\\.)*\",)?\"disasm\":\"(?<disasm>(?:[^\"\\\\]|\\\\.)*)\","
            + "\"opcodes\":\\{\"code\":\"(?<code>0x[0-9a-f]+)\",\"src_reg\":\"(?<srcreg>0x[0-9a-f]+)\","
            + "\"dst_reg\":\"(?<dstreg>0x[0-9a-f]+)\",\"off\":\\[(?<off>[^\\]]*)\\],\"imm\":\\[(?<imm>[^\\]]*)\\]\\}\\}");

    record BpftoolInsn(String disasm, int code, int srcReg, int dstReg, short off, long imm) {
    }

    static List<BpftoolInsn> bpftool(int progId) {
        String json = Bpftool.run("-j", "prog", "dump", "xlated", "id", Integer.toString(progId), "opcodes");
        List<BpftoolInsn> out = new ArrayList<>();
        Matcher m = BPFTOOL_INSN.matcher(json);
        while (m.find()) {
            byte[] off = bytes(m.group("off"));
            byte[] imm = bytes(m.group("imm"));
            long immValue = (imm[0] & 0xff) | (imm[1] & 0xff) << 8 | (imm[2] & 0xff) << 16 | (long) imm[3] << 24;
            if (imm.length == 12) { // ld_imm64: imm, then the second slot's code/regs/off, then its imm
                long high = (imm[8] & 0xff) | (imm[9] & 0xff) << 8 | (imm[10] & 0xff) << 16 | (long) imm[11] << 24;
                immValue = high << 32 | (immValue & 0xffffffffL);
            }
            out.add(new BpftoolInsn(unescape(m.group("disasm")),
                    Integer.decode(m.group("code")), Integer.decode(m.group("srcreg")),
                    Integer.decode(m.group("dstreg")), (short) ((off[0] & 0xff) | off[1] << 8), immValue));
        }
        assertFalse(out.isEmpty(), "bpftool gave no instructions: " + json);
        return out;
    }

    private static byte[] bytes(String list) {
        String[] parts = list.replace("\"", "").split(",");
        byte[] b = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            b[i] = (byte) Integer.parseInt(parts[i].trim().substring(2), 16);
        }
        return b;
    }

    /**
     * The source line above each instruction in bpftool's plain listing ("; TEXT" then "  N: (..) ...").
     * The plain text, not the JSON: bpftool 7.1 escapes a backslash in a source line wrongly in JSON.
     */
    static Map<Integer, String> bpftoolSourceLines(int progId) {
        Map<Integer, String> lines = new HashMap<>();
        String pending = null;
        for (String l : Bpftool.run("prog", "dump", "xlated", "id", Integer.toString(progId)).split("\n")) {
            Matcher insn = Pattern.compile("^\\s*(\\d+): \\(").matcher(l);
            if (l.startsWith("; ")) {
                pending = l.substring(2);
            } else if (insn.find()) {
                if (pending != null) {
                    lines.put(Integer.parseInt(insn.group(1)), pending);
                }
                pending = null;
            }
        }
        return lines;
    }

    /** A JSON string's escapes, one after the other (bpftool escapes quotes, backslashes and controls). */
    private static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                out.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(e); // \" \\ \/
            }
        }
        return out.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gobpf_custom.o", "gobpf_global.o", "gobpf_object.o", "iproute2_tc.o", "libbpf_legacy.o",
        "xdp_counter.o", "modern_counter.o", "modern_config.o", "modern_subprog.o", "modern_subprogs.o",
        "modern_events.o", "xdp_filter.o", "modern_callback.o", "core_task.o", "modern_tailcall.o",
        "modern_mapinmap.o", "modern_kconfig.o"})
    void everyProgramMatchesBpftool(String sample) throws Exception {
        try (TestBpffs fs = new TestBpffs("DisassemblyKernelTest");
             Module m = Module.open(Samples.object(sample), fs.bpffs())) {
            m.load(sample.equals("gobpf_custom.o") // its PIN_CUSTOM_NS map needs a pin path
                    ? Map.of("maps/dummy_array_custom", SectionParams.pinPath("custom")) : Map.of());
            assertFalse(m.programs().isEmpty(), sample + " has programs");
            for (LoadedProgram p : m.programs()) {
                assertMatchesBpftool(sample + " " + p.section(), p.program());
            }
        }
    }

    static void assertMatchesBpftool(String what, BpfProgram program) throws Exception {
        List<DecodedInstruction> ours = ProgramDisassembler.of(program).instructions();
        List<BpftoolInsn> theirs = bpftool(program.id());
        Map<Integer, String> plainSource = bpftoolSourceLines(program.id());
        assertEquals(theirs.size(), ours.size(), what + ": instruction count (an ld_imm64 counts once)");
        for (int i = 0; i < ours.size(); i++) {
            DecodedInstruction o = ours.get(i);
            BpftoolInsn t = theirs.get(i);
            String at = what + " instruction " + o.index();
            if (!newerThanBpftool71(o)) {
                assertEquals(t.disasm(), o.text(), at);
            }
            assertEquals(t.code(), o.opcode(), at + " opcode");
            assertEquals(t.srcReg(), o.src(), at + " src_reg");
            assertEquals(t.dstReg(), o.dst(), at + " dst_reg");
            assertEquals(t.off(), o.offset(), at + " off");
            assertEquals(t.imm(), o.imm(), at + " imm");
            assertEquals(plainSource.get(o.index()), o.source().map(SourceLine::text).orElse(null), at + " source line");
        }
    }

    /**
     * Forms the kernel's disassembler prints that bpftool 7.1 (this machine's, libbpf 1.1) predates: it
     * shows them as plain movs, divisions or BUG_ lines. Their raw fields are still compared; their text
     * follows the kernel's current disasm.c, which {@code InstructionPrinterTest} checks.
     */
    private static boolean newerThanBpftool71(DecodedInstruction i) {
        int op = i.opcode();
        int cls = Opcode.instructionClass(op);
        boolean alu = cls == Opcode.CLASS_ALU || cls == Opcode.CLASS_ALU64;
        return alu && Opcode.operation(op) == Opcode.ALU_MOV && i.offset() != 0          // movsx, percpu, arena
                || alu && (Opcode.operation(op) == Opcode.ALU_DIV || Opcode.operation(op) == Opcode.ALU_MOD)
                && i.offset() == Opcode.OFFSET_SIGNED                                       // sdiv, smod
                || cls == Opcode.CLASS_ALU64 && Opcode.operation(op) == Opcode.ALU_END       // bswap
                || cls == Opcode.CLASS_LDX && Opcode.mode(op) == Opcode.MODE_MEMSX           // sign-extending loads
                || op == (Opcode.CLASS_JMP32 | Opcode.JMP_JA)                               // gotol
                || op == (Opcode.CLASS_JMP | Opcode.JMP_JCOND);                             // may_goto
    }

    /**
     * Line info through a program libbpf loaded (bpftool passes .BTF.ext's func and line records to
     * PROG_LOAD): prototypes and source lines as bpftool shows them, labels and map names.
     */
    @Test
    void programLoadedWithLineInfoShowsItsSource() throws Exception {
        try (TestBpffs fs = new TestBpffs("DisassemblyKernelTest")) {
            Path pins = fs.root().resolve("libbpf");
            Bpftool.run("prog", "loadall", Samples.object("xdp_filter.o").toString(), pins.toString());
            try (BpfProgram p = fs.bpffs().openProgram(fs.bpffs().resolve("libbpf/filter"))) {
                assertMatchesBpftool("xdp_filter.o loaded by libbpf", p);
                Disassembly d = ProgramDisassembler.of(p);
                assertTrue(d.instructions().stream().anyMatch(i -> i.source().isPresent()), "line info arrived");
                String listing = d.listing(true);
                int mapId = p.queryInfo().mapIds().get(0);
                assertTrue(listing.startsWith("int filter(struct xdp_md * ctx):\n; int filter(struct xdp_md *ctx)"
                        + " [file:./xdp_filter.c line_num:"), listing);
                assertTrue(listing.contains("r1 = map[id:" + mapId + "]  ; verdicts\n"), listing);
                assertTrue(listing.contains("; if (((udp[2] << 8) | udp[3]) == DISCARD_PORT) [file:./xdp_filter.c"
                        + " line_num:35 line_col:"), listing);
                assertTrue(listing.matches("(?s).* goto pc\\+\\d+ <L1>\n.*\nL1:\n.*"), listing);
            }
        }
    }

    @Test
    void disassemblyLeavesNoDescriptorOpen() throws Exception {
        try (TestBpffs fs = new TestBpffs("DisassemblyKernelTest");
             Module m = Module.open(Samples.object("modern_subprogs.o"), fs.bpffs())) {
            m.load(Map.of());
            BpfProgram p = m.program("xdp/tag_large").orElseThrow().program();
            ProgramDisassembler.of(p);
            int fds = OpenFds.count();
            for (int i = 0; i < 20; i++) {
                ProgramDisassembler.of(p);
            }
            assertEquals(fds, OpenFds.count(), "the maps and BTF opened to name things are closed");
        }
    }
}
