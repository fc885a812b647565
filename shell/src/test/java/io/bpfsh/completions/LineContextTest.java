package io.bpfsh.completions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;


import io.bpfsh.completions.LineContext.Position;
import java.util.List;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.Test;

/** Where the cursor is, read from lines as the DefaultParser splits them. */
class LineContextTest {
    private final Parser parser = new DefaultParser();

    private LineContext at(String line) {
        ParsedLine p = parser.parse(line, line.length(), Parser.ParseContext.COMPLETE);
        return LineContext.of(ShellCommandTable.TABLE, p.words(), p.wordIndex(), p.word().substring(0, p.wordCursor()));
    }

    private void assertAt(String line, Position position, ArgKind kind, String typed, String valuePrefix) {
        LineContext c = at(line);
        assertEquals(position, c.position(), line);
        assertEquals(kind, c.kind(), line);
        assertEquals(typed, c.typed(), line);
        assertEquals(valuePrefix, c.valuePrefix(), line);
    }

    @Test
    void commandNamesAndUnknownCommandsAreNotOurs() {
        assertAt("", Position.NONE, null, "", "");
        assertAt("lo", Position.NONE, null, "lo", "");
        assertAt("frobnicate ", Position.NONE, null, "", "");
        assertNull(at("frobnicate x").command());
    }

    @Test
    void positionalsCountPastOptionsAndTheirValues() {
        assertAt("load ", Position.POSITIONAL, ArgKind.OBJECT_FILE, "", "");
        assertAt("load --as x sam", Position.POSITIONAL, ArgKind.OBJECT_FILE, "sam", "");
        assertAt("load a.o ", Position.NONE, null, "", "");
        assertAt("pin m:counters ", Position.POSITIONAL, ArgKind.PIN_PATH, "", "");
        assertAt("pin ", Position.POSITIONAL, ArgKind.REF, "", "");
        assertAt("lookup ns1/x ", Position.POSITIONAL, ArgKind.TEXT, "", "");
        assertAt("ls -l -R ns", Position.POSITIONAL, ArgKind.PIN_PATH, "ns", "");
        assertAt("get --readonly --as h ns1/", Position.POSITIONAL, ArgKind.PIN_PATH, "ns1/", "");
        assertAt("help ", Position.POSITIONAL, ArgKind.COMMAND, "", "");
        assertAt("modules ", Position.NONE, null, "", "");
    }

    @Test
    void optionValuesAfterASpaceOrInline() {
        assertAt("load a.o --pin-path ", Position.OPTION_VALUE, ArgKind.FILE_SECTION_PIN_PATH, "", "");
        assertAt("load a.o --pin-path maps/x=ns", Position.OPTION_VALUE, ArgKind.FILE_SECTION_PIN_PATH, "maps/x=ns", "");
        assertAt("load a.o --pin-path=maps/", Position.OPTION_VALUE, ArgKind.FILE_SECTION_PIN_PATH, "maps/", "--pin-path=");
        assertAt("load a.o --max-entries ", Position.OPTION_VALUE, ArgKind.FILE_SECTION_NUMBER, "", "");
        assertAt("load --as ", Position.OPTION_VALUE, ArgKind.TEXT, "", "");
        assertAt("close m --unpin ", Position.OPTION_VALUE, ArgKind.MODULE_SECTION, "", "");
        assertAt("close m --unpin=maps/", Position.OPTION_VALUE, ArgKind.MODULE_SECTION, "maps/", "--unpin=");
    }

    @Test
    void optionNamesArePicoclisBeforeTheFirstPositionalAndBpfshsAfter() {
        assertAt("load --pi", Position.NONE, null, "--pi", "");
        assertAt("load a.o --pi", Position.OPTION_NAMES, null, "--pi", "");
        assertAt("update -", Position.NONE, null, "-", "");
        assertAt("ls -", Position.NONE, null, "-", "");
        assertAt("get --readonly=", Position.NONE, null, "--readonly=", ""); // a flag takes no value
    }

    @Test
    void negativeNumbersAndDoubleDashArePositionals() {
        assertAt("update m:x -1 ", Position.POSITIONAL, ArgKind.TEXT, "", "");
        assertAt("update m:x -1 -0x2 ", Position.OFFERED_FLAGS, null, "", "");
        assertAt("unpin -- ", Position.POSITIONAL, ArgKind.PIN_PATH, "", "");
        assertAt("unpin -- -x", Position.POSITIONAL, ArgKind.PIN_PATH, "-x", "");
    }

    @Test
    void updateOffersItsModeFlagsAfterTheValue() {
        assertAt("update m:x 1 2 ", Position.OFFERED_FLAGS, null, "", "");
        assertAt("update m:x 1 2 --exist ", Position.OFFERED_FLAGS, null, "", "");
        assertAt("update m:x 1 2 z", Position.NONE, null, "z", "");
        assertAt("update m:x 1 2 --", Position.OFFERED_FLAGS, null, "--", "");
        assertAt("update m:x 1 2 --ex", Position.OFFERED_FLAGS, null, "--ex", "");
        assertAt("update --", Position.NONE, null, "--", ""); // before the positionals picocli offers them
        assertAt("update m:x 1 ", Position.POSITIONAL, ArgKind.TEXT, "", "");
        assertAt("delete m:x 1 ", Position.NONE, null, "", "");
    }

    @Test
    void knowsTheOtherWordsOnTheLine() {
        LineContext c = at("load --pin-path maps/a=x samples/a.o --pin-path ");
        assertEquals("samples/a.o", c.positional(0));
        assertEquals(true, c.hasOption("--pin-path"));
        LineContext words = LineContext.of(ShellCommandTable.TABLE, List.of("close", "--unpin", "", "mod"), 2, "");
        assertEquals(Position.OPTION_VALUE, words.position());
        assertEquals("mod", words.positional(0), "a positional after the cursor counts too");
        assertNull(at("load ").positional(0), "the word under the cursor is not a value");
    }
}
