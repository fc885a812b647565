package io.bpfsh.shell.output;

import io.bpfsh.engine.ControlCharacters;

/**
 * The one escaping function of everything bpfsh prints. Names of maps, programs and pins, paths and
 * error messages come from object files and from other users of bpffs, so they may hold C0 and C1
 * control characters (ESC starts a terminal escape sequence; CSI is one character in C1), DEL, or
 * U+2028/U+2029, which some terminals and log viewers take as line breaks. Each is shown as
 * {@code \xNN} (or {@code \u2028}), so that output cannot drive the terminal and an error stays one line.
 */
public final class TerminalText {
    private TerminalText() {
    }

    /** Whether {@code c} must not reach a terminal as it is. */
    public static boolean needsEscape(char c) {
        return ControlCharacters.is(c);
    }

    /** {@code text} with every such character escaped, line breaks and tabs included: one printable line. */
    public static String escape(String text) {
        return escape(text, false);
    }

    /** As {@link #escape(String)} but keeping tabs, which stack traces indent with and cannot drive a terminal. */
    public static String escapeLine(String text) {
        return escape(text, true);
    }

    private static String escape(String text, boolean keepTabs) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (needsEscape(c) && !(keepTabs && c == '\t')) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 8).append(text, 0, i);
                }
                appendEscaped(out, c);
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    static void appendEscaped(StringBuilder out, char c) {
        out.append(c <= 0xff ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
    }
}
