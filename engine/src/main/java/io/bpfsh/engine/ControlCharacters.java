package io.bpfsh.engine;

/**
 * The characters that must not reach a terminal raw nor be part of a name bpfsh creates: C0 and C1
 * controls, DEL, and U+2028/U+2029 (line and paragraph separators). Object files and other users of
 * bpffs choose names freely; these would let a name drive the terminal or split a one-line message.
 */
public final class ControlCharacters {
    private ControlCharacters() {
    }

    public static boolean is(int c) {
        return Character.isISOControl(c) || c == 0x2028 || c == 0x2029;
    }

    /** {@code s} with each such character as {@code \xNN} (or {@code \u2028}): one printable line. */
    public static String escape(String s) {
        if (s == null || first(s) < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(is(c) ? String.format(c <= 0xff ? "\\x%02x" : "\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }

    /** The first such character in {@code s}, or -1. */
    public static int first(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (is(s.charAt(i))) {
                return s.charAt(i);
            }
        }
        return -1;
    }
}
