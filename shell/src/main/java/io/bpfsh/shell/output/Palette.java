package io.bpfsh.shell.output;

import java.util.Map;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/**
 * The colours of the interactive shell, through JLine's attributed strings: errors in red, table
 * headers in bold, and in {@code ls} each kind in a colour of its own. Plain (no escape sequences)
 * unless the output is a terminal that can show colour and NO_COLOR (no-color.org) is unset: batch
 * output, pipes and files never carry colour.
 */
public final class Palette {
    /** No colour at all: batch files, -c, pipes. */
    public static final Palette PLAIN = new Palette(null);

    private final Terminal terminal;

    private Palette(Terminal terminal) {
        this.terminal = terminal;
    }

    /** Colours on this terminal, unless it is dumb or {@code env} has NO_COLOR set (to anything). */
    public static Palette of(Terminal terminal, Map<String, String> env) {
        String type = terminal.getType();
        boolean dumb = type == null || type.startsWith(Terminal.TYPE_DUMB);
        return dumb || env.containsKey("NO_COLOR") ? PLAIN : new Palette(terminal);
    }

    public boolean colours() {
        return terminal != null;
    }

    /** An error line. */
    public String error(String text) {
        return paint(text, AttributedStyle.BOLD.foreground(AttributedStyle.RED));
    }

    /** A table's header row. */
    public String header(String text) {
        return paint(text, AttributedStyle.BOLD);
    }

    /** A bpffs entry's kind as ls shows it: map, prog, link, dir. */
    public String kind(String kind) {
        switch (kind) {
            case "map":
                return paint(kind, AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN));
            case "prog":
                return paint(kind, AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN));
            case "link":
                return paint(kind, AttributedStyle.DEFAULT.foreground(AttributedStyle.MAGENTA));
            case "dir":
                return paint(kind, AttributedStyle.BOLD.foreground(AttributedStyle.BLUE));
            default:
                return kind;
        }
    }

    private String paint(String text, AttributedStyle style) {
        return terminal == null ? text : new AttributedString(text, style).toAnsi(terminal);
    }
}
