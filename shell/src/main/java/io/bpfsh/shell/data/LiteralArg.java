package io.bpfsh.shell.data;

/**
 * A KEY or VALUE word as typed: its text and whether it was quoted, since {@code "1"} is a string
 * and {@code 1} an integer (see {@link DataLiteral}).
 */
public record LiteralArg(String text, boolean quoted) {
    /** How the word is shown in messages: quoted words with their double quotes, others in single. */
    public String shown() {
        String t = text.length() > 40 ? text.substring(0, 37) + "..." : text;
        return quoted ? "\"" + t + "\"" : "'" + t + "'";
    }

    @Override
    public String toString() {
        return shown();
    }
}
