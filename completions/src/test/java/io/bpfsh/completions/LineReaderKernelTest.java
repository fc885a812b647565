package io.bpfsh.completions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import io.bpfsh.engine.testing.KernelTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Typing with TAB into a real LineReader on a dumb terminal, as a user at the bpfsh prompt would. */
@KernelTest
class LineReaderKernelTest {
    /** Labels every pin however loaded the machine: the labels shown must not depend on timing. */
    private static final PinLabels.Limits UNTIMED = new PinLabels.Limits(2_000, java.time.Duration.ofMinutes(1));
    private BpffsTree tree;

    @BeforeEach
    void setUp() throws Exception {
        tree = new BpffsTree("LineReaderKernelTest");
    }

    @AfterEach
    void tearDown() {
        tree.close();
    }

    /** Feeds the keystrokes; returns the lines read and, last, what the terminal showed. */
    private List<String> type(String keys) throws Exception {
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        List<String> lines = new ArrayList<>();
        try (Terminal terminal = TerminalBuilder.builder().dumb(true)
                .streams(new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)), shown).build()) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).parser(new DefaultParser())
                    .completer(new BpfshCompleter(PathCommands.TABLE, new FakeSessionView(tree.root),
                            () -> java.nio.file.Path.of("").toAbsolutePath(), UNTIMED)).build();
            try {
                while (true) {
                    lines.add(reader.readLine("bpfsh> "));
                }
            } catch (EndOfFileException e) {
                // all keys typed
            }
        }
        lines.add(shown.toString(StandardCharsets.UTF_8));
        return lines;
    }

    @Test
    void aUniqueMapIsCompletedWithASpace() throws Exception {
        assertEquals("dump ns1/inner ", type("dump ns1/in\t\n").get(0));
    }

    @Test
    void aDirectoryIsCompletedWithASlashAndTheNextTabGoesIn() throws Exception {
        assertEquals("ls ns1/deep/", type("ls ns1/d\t\n").get(0));
        assertEquals("info ns1/deep/leaf ", type("info ns1/d\tl\t\n").get(0));
    }

    @Test
    void dumpSkipsProgramsSoTheOnlyMapIsChosen() throws Exception {
        assertEquals("dump ns1/deep/leaf ", type("dump ns1/deep/\t\n").get(0), "prog2 is not offered to dump");
    }

    @Test
    void theListShowsKindsAndTypes() throws Exception {
        List<String> out = type("info ns1/deep/\t\n");
        assertEquals("info ns1/deep/", out.get(0));
        String shown = out.get(out.size() - 1);
        assertTrue(shown.contains("leaf") && shown.contains("map array"), shown);
        assertTrue(shown.contains("prog2") && shown.contains("prog socket_filter"), shown);
    }
}
