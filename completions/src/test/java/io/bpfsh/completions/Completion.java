package io.bpfsh.completions;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * Runs a completer on a line as JLine does on TAB: a real LineReader on a dumb terminal, the line
 * parsed by the DefaultParser the shell uses, the cursor at the end of the line.
 */
final class Completion implements AutoCloseable {

    /** A candidate as the user sees it: what is inserted, what is listed, its description, and whether a space follows. */
    record Cand(String value, String display, String description, boolean complete) {
        @Override
        public String toString() {
            return value + " (" + display + ", " + description + (complete ? ", complete)" : ", partial)");
        }
    }

    static Cand whole(String value, String display, String description) {
        return new Cand(value, display, description, true);
    }

    static Cand partial(String value, String display, String description) {
        return new Cand(value, display, description, false);
    }

    private final Terminal terminal;
    private final LineReader reader;
    private final Parser parser = new DefaultParser();

    Completion() {
        try {
            terminal = TerminalBuilder.builder().dumb(true)
                    .streams(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream()).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        reader = LineReaderBuilder.builder().terminal(terminal).parser(parser).build();
    }

    /** The cursor in {@link #complete} lines, when it is not at the end. */
    static final String CURSOR = "\u2038";

    /** The candidates for the line (cursor at its end) in the order JLine lists them. */
    List<Candidate> listed(Completer completer, String line) {
        List<Candidate> raw = new ArrayList<>();
        completer.complete(reader, parser.parse(line, line.length(), Parser.ParseContext.COMPLETE), raw);
        raw.sort(null); // Candidate's own order: its sort key, then its value
        return raw;
    }

    /** The candidates for the line with the cursor at {@link #CURSOR} or at its end, sorted by value. */
    List<Cand> complete(Completer completer, String lineWithCursor) {
        int cursor = lineWithCursor.indexOf(CURSOR);
        String line = lineWithCursor.replace(CURSOR, "");
        List<Candidate> raw = new ArrayList<>();
        completer.complete(reader, parser.parse(line, cursor < 0 ? line.length() : cursor,
                Parser.ParseContext.COMPLETE), raw);
        List<Cand> out = new ArrayList<>();
        for (Candidate c : raw) {
            // bpfsh candidates use neither groups, suffixes nor keys: the value says it all
            assertNull(c.group(), () -> "group of " + c.value());
            assertNull(c.suffix(), () -> "suffix of " + c.value());
            assertNull(c.key(), () -> "key of " + c.value());
            out.add(new Cand(c.value(), c.displ(), c.descr(), c.complete()));
        }
        out.sort(Comparator.comparing(Cand::value));
        return out;
    }

    /** The values only, sorted. */
    List<String> values(Completer completer, String line) {
        return complete(completer, line).stream().map(Cand::value).toList();
    }

    static List<Cand> sorted(Cand... expected) {
        List<Cand> l = new ArrayList<>(List.of(expected));
        l.sort(Comparator.comparing(Cand::value));
        return l;
    }

    @Override
    public void close() {
        try {
            terminal.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
