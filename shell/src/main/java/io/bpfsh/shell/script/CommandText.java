package io.bpfsh.shell.script;

import java.util.List;

/**
 * A command's words written back as a line the tokenizer reads as the same words (quoted where the
 * word was quoted or holds a character the tokenizer treats specially): what --echo shows and what
 * a JSON error names as its command.
 */
public final class CommandText {
    private CommandText() {
    }

    public static String of(List<Token> tokens) {
        StringBuilder sb = new StringBuilder();
        for (Token t : tokens) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(needsQuotes(t) ? quoted(t.text()) : t.text());
        }
        return sb.toString();
    }

    private static boolean needsQuotes(Token t) {
        if (t.quoted() || t.text().isEmpty()) {
            return true; // "1" is the string "1", not the integer: keep it quoted
        }
        for (char c : t.text().toCharArray()) {
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\'' || c == '"' || c == '\\' || c == '#' || c == ';') {
                return true;
            }
        }
        return false;
    }

    /** 'it'\''s': single quotes are literal, and an escaped quote between two quoted parts joins them. */
    private static String quoted(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
