package io.bpfsh.shell.script;

/**
 * One word of a command line after quote removal.
 *
 * @param text   the word as the command sees it (quotes and escapes removed)
 * @param quoted whether any part of it was written in quotes: {@code "1"} is the string "1", not the
 *               integer 1 (see io.bpfsh.shell.data.DataLiteral)
 * @param start  offset of its first raw character (a quote included) in the tokenized text
 * @param end    offset just after its last raw character
 */
public record Token(String text, boolean quoted, int start, int end) {
}
