package io.bpfsh.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.testing.Bpftool;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.Packets;
import io.bpfsh.engine.testing.Samples;
import io.bpfsh.engine.testing.TestBpffs;
import io.bpfsh.shell.TestShell;
import io.bpfsh.shell.output.JsonReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run and disasm through the shell, on samples/xdp_filter.o (drops UDP to port 9, passes the rest). */
@KernelTest
class ProgramCommandsKernelTest {
    private TestBpffs fs;
    private TestShell sh;
    private TestShell json;

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() {
        fs = new TestBpffs("shell-programs");
        sh = new TestShell(fs.root());
        json = new TestShell(fs.root(), true);
        sh.ok("load " + Samples.object("xdp_filter.o") + " --as filter");
        json.ok("load " + Samples.object("xdp_filter.o") + " --as filter");
    }

    @AfterEach
    void tearDown() {
        json.close();
        sh.close();
        fs.close();
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void runNamesTheVerdictThePacketGets() {
        byte[] discard = Packets.ipv4Udp(9, 18);
        String out = sh.ok("run filter:xdp --data hex:" + hex(discard));
        assertTrue(out.matches("retval 1 \\(XDP_DROP\\), 1 run, mean \\d+ ns\ndata out: 60 bytes, unchanged\n"), out);
        out = sh.ok("run filter:xdp --data hex:" + hex(Packets.ipv4Udp(53, 18)) + " --repeat 10");
        assertTrue(out.startsWith("retval 2 (XDP_PASS), 10 runs, mean "), out);

        Map<String, Object> r = JsonReader.object(JsonReader.parse(json.ok("run filter:xdp --data hex:" + hex(discard))));
        assertEquals(1L, ((Number) r.get("retval")).longValue());
        assertEquals("XDP_DROP", r.get("retval_name"));
        assertEquals(hex(discard), r.get("data_out"));
        assertEquals(false, r.get("data_changed"));
        assertTrue(((Number) r.get("duration_ns")).longValue() >= 0);
    }

    @Test
    void runReadsTheDataFromAFileAndShowsTheMapEntriesItChanged() throws Exception {
        Path packet = dir.resolve("discard.bin");
        Files.write(packet, Packets.ipv4Udp(9, 18));
        String out = sh.ok("run filter:xdp --data-file " + packet + " --show-maps");
        assertTrue(out.endsWith("\nmap verdicts: key: 1  value: 0 -> 1\n"), out);
        out = sh.ok("run filter:xdp --data-file " + packet + " --repeat 2 --show-maps");
        assertTrue(out.endsWith("\nmap verdicts: key: 1  value: 1 -> 3\n"), out);

        Map<String, Object> r = JsonReader.object(JsonReader.parse(
                json.ok("run filter:xdp --data-file " + packet + " --show-maps")));
        List<Object> changes = JsonReader.array(r.get("map_changes"));
        assertEquals(1, changes.size());
        Map<String, Object> c = JsonReader.object(changes.get(0));
        assertEquals("verdicts", c.get("map"));
        assertEquals("01000000", c.get("key"));
        assertEquals("0100000000000000", c.get("after"));
    }

    @Test
    void runRefusesWhatCannotBeRunWithOneLine() {
        assertEquals("error: filter:verdicts is a map, not a program", sh.fails("run filter:verdicts --data hex:00"));
        String e = sh.fails("run filter:xdp --data hex:" + "00".repeat(13));
        assertTrue(e.endsWith(": xdp programs need packet data of at least 14 bytes (an Ethernet header), got 13"), e);
        e = sh.fails("run filter:xdp --data hex:0g");
        assertTrue(e.startsWith("error: --data hex:0g: 'g' is not a hex digit"), e);
        e = sh.fails("run filter:xdp --repeat 0 --data hex:00");
        assertEquals("error: --repeat 0: give a number of runs, 1 or more", e);
    }

    @Test
    void disasmEqualsBpftoolInstructionForInstruction() {
        int id = ((Number) JsonReader.object(JsonReader.array(JsonReader.object(JsonReader.parse(
                json.ok("progs filter"))).get("programs")).get(0)).get("id")).intValue();
        List<Object> ours = JsonReader.array(JsonReader.parse(json.ok("disasm filter:xdp")));
        String bpftool = Bpftool.run("-j", "prog", "dump", "xlated", "id", Integer.toString(id));
        Matcher m = Pattern.compile("\"disasm\":\"([^\"]*)\"").matcher(bpftool);
        int i = 0;
        while (m.find()) {
            assertEquals(m.group(1), JsonReader.object(ours.get(i++)).get("disasm"));
        }
        assertEquals(ours.size(), i, "one object per instruction, an ld_imm64 counted once");

        String text = sh.ok("disasm filter:xdp");
        assertTrue(text.contains(": (18) r1 = map[id:"), text);
        assertTrue(text.contains("  ; verdicts\n"), text);
        assertTrue(text.contains(" <L1>\n"), text);
    }

    @Test
    void disasmOfAFileSectionNeedsNoLoad() {
        String text = sh.ok("disasm " + Samples.object("xdp_filter.o") + " xdp");
        assertTrue(text.startsWith("int filter(struct xdp_md * ctx):\n; int filter(struct xdp_md *ctx)\n   0: "), text);
        assertTrue(text.contains("r1 = map[name:verdicts]"), text);
        assertTrue(text.contains("call bpf_map_lookup_elem#1"), text);
        String e = sh.fails("disasm " + Samples.object("xdp_filter.o") + " tc");
        assertEquals("error: " + Samples.object("xdp_filter.o") + ": no program in section tc (its programs: xdp)", e);
    }

    @Test
    void loadPinsEveryProgramByFunctionName() {
        String out = sh.ok("load " + Samples.object("modern_subprogs.o") + " --as sp --pin-progs progs");
        Path small = fs.root().resolve("progs/tag_small");
        assertTrue(out.contains("pinned program xdp/tag_small at " + small + "\n"), out);
        assertEquals("tag_small", Bpftool.string(Bpftool.progShowPinned(small.toString()), "name"));
        assertTrue(Files.exists(fs.root().resolve("progs/tag_large")));
    }

    @Test
    void loadShowsTheVerifierLogOfAnAcceptedProgram() {
        String out = sh.ok("load " + Samples.object("xdp_filter.o") + " --as again --verifier-log");
        assertTrue(out.contains("\nverifier log for xdp:\n"), out);
        assertTrue(out.matches("(?s).*\nverification time \\d+ usec\nstack depth \\d+\nprocessed \\d+ insns .*"), out);
        Map<String, Object> r = JsonReader.object(JsonReader.parse(
                json.ok("load " + Samples.object("xdp_filter.o") + " --as again --verifier-log")));
        String log = (String) JsonReader.object(JsonReader.array(r.get("verifier_logs")).get(0)).get("log");
        assertTrue(log.contains("stack depth "), log);
    }
}
