package io.bpfsh.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.ControlCharacters;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.MapAttributes;
import io.bpfsh.engine.sys.MapType;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.Samples;
import io.bpfsh.engine.testing.TestBpffs;
import io.bpfsh.shell.TestShell;
import io.bpfsh.shell.output.JsonReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10.8: a pin name (another user's) or an object's name could put terminal escape sequences and line
 * breaks into bpfsh's output. Everything printed is escaped; bpfsh creates no such names itself.
 */
@KernelTest
class ControlCharactersKernelTest {
    /** ESC ] title BEL (OSC), CSI as one C1 character, DEL, a line separator, a newline */
    private static final String HOSTILE = "evil\u001b]0;owned\u0007\u009b31m\u007f\u2028\nx";
    private static final String SHOWN = "evil\\x1b]0;owned\\x07\\x9b31m\\x7f\\u2028\\x0ax";
    private TestBpffs fs;
    private TestShell sh;

    @BeforeEach
    void setUp() throws Exception {
        fs = new TestBpffs("shell-control-chars");
        sh = new TestShell(fs.root());
        // pinned as another user of bpffs would: straight through BPF_OBJ_PIN, no bpfsh validation
        try (BpfMap m = BpfMap.create(MapAttributes.of(MapType.ARRAY, 4, 4, 1))) {
            m.pin(fs.root().resolve(HOSTILE).toString());
        }
    }

    @AfterEach
    void tearDown() {
        sh.close();
        fs.close();
    }

    private static void assertPrintable(String output) {
        for (int i = 0; i < output.length(); i++) {
            char c = output.charAt(i);
            assertFalse(c != '\n' && ControlCharacters.is(c), "raw U+" + Integer.toHexString(c) + " at " + i + " in: "
                    + output);
        }
    }

    @Test
    void namesInListingsAndMessagesAreEscaped() {
        String ls = sh.ok("ls");
        assertPrintable(ls);
        assertEquals("map  " + SHOWN + "\n", ls);
        String long_ = sh.ok("ls -l");
        assertPrintable(long_);
        assertTrue(long_.contains("  " + SHOWN + "\n"), long_);
        String dump = sh.ok("dump '" + HOSTILE + "'");
        assertPrintable(dump);
        String info = sh.ok("info '" + HOSTILE + "'");
        assertPrintable(info);
        assertTrue(info.contains(SHOWN), info);

        String error = sh.fails("lookup '" + HOSTILE + "' 7");
        assertPrintable(error);
        assertEquals(1, error.lines().count(), error);
        assertTrue(error.contains(SHOWN), error);
        error = sh.fails("get 'no\u001b[2Jsuch\nthing'");
        assertPrintable(error);
        assertEquals(1, error.lines().count(), error);
    }

    @Test
    void jsonEscapesThemAsJson() {
        try (TestShell json = new TestShell(fs.root(), true)) {
            String out = json.ok("ls");
            assertPrintable(out);
            assertTrue(out.contains("evil\\u001b]0;owned\\u0007\\u009b31m\\u007f\\u2028\\nx"), out);
            Map<String, Object> doc = JsonReader.object(JsonReader.parse(out));
            Map<String, Object> entry = JsonReader.object(JsonReader.array(doc.get("entries")).get(0));
            assertEquals(fs.root().resolve(HOSTILE).toString(), entry.get("path"));
        }
    }

    @Test
    void bpfshCreatesNoSuchNames() {
        List<String> before = fs.tree();
        assertEquals("error: pin path " + fs.root() + "/copy\\x01: name 'copy\\x01' contains the control character"
                + " \\x01; bpfsh does not create such names", sh.fails("pin '" + HOSTILE + "' 'copy\u0001'"));
        assertEquals("error: pin path " + fs.root() + "/d\\u2028/c: name 'd\\u2028' contains the control character"
                + " \\u2028; bpfsh does not create such names", sh.fails("pin '" + HOSTILE + "' 'd\u2028/c'"));
        String custom = Samples.object("gobpf_custom.o").toString();
        String e = sh.fails("load " + custom + " --pin-path dummy_array_custom=ns\u001b[0m/x");
        assertEquals("error: " + custom + ": map dummy_array_custom: pin path " + fs.root() + "/ns\\x1b[0m/x: name"
                + " 'ns\\x1b[0m' contains the control character \\x1b; bpfsh does not create such names", e);
        assertEquals(before, fs.tree());
        // an existing pin with such a name can still be removed
        sh.ok("unpin '" + HOSTILE + "'");
        assertEquals(List.of(), fs.tree());
    }
}
