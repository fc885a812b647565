package io.bpfsh.shell.script;

import java.util.ArrayList;
import java.util.List;

/**
 * The one word splitter of bpfsh: the REPL (through {@link ShellParser}), batch files and
 * {@code -c} all use it, so a line means the same everywhere.
 *
 * <ul>
 *   <li>Words are separated by spaces, tabs and line breaks.</li>
 *   <li>{@code '...'} is taken literally; in {@code "..."} a backslash escapes only {@code "} and
 *       {@code \}. Quoted and unquoted parts next to each other form one word ({@code a"b c"}).</li>
 *   <li>Outside quotes a backslash takes the next character literally ({@code \#}, {@code \ }).</li>
 *   <li>{@code #} outside quotes starts a comment that runs to the end of the line; inside quotes it
 *       is an ordinary character.</li>
 *   <li>A backslash at the very end of a line continues the command on the next line; the backslash
 *       and the line break are removed.</li>
 *   <li>{@code ;} outside quotes ends a command: {@code ls; maps} is two ({@code \;} and
 *       {@code ';'} are the character).</li>
 * </ul>
 */
public final class Tokenizer {
    private Tokenizer() {
    }

    /**
     * What a text splits into.
     *
     * @param tokens    the words, in order
     * @param continues the text ends with a continuation backslash: the command goes on in the next line
     * @param openQuote the quote character left open at the end ({@code '} or {@code "}), or 0: in
     *                  lenient mode, which completion uses on a half-typed line, and {@code "} for a
     *                  continuation inside a double-quoted word (the next line starts inside it)
     * @param separators the offsets of the {@code ;} that end commands, in order
     */
    public record Result(List<Token> tokens, boolean continues, char openQuote, List<Integer> separators) {
        public List<String> words() {
            return tokens.stream().map(Token::text).toList();
        }

        /** The words of each command, split at the separators; empty commands ({@code ;;}) left out. */
        public List<List<Token>> commands() {
            List<List<Token>> all = new ArrayList<>();
            int from = 0;
            for (int k = 0; k <= separators.size(); k++) {
                int to = from;
                int limit = k < separators.size() ? separators.get(k) : Integer.MAX_VALUE;
                while (to < tokens.size() && tokens.get(to).start() < limit) {
                    to++;
                }
                if (to > from) {
                    all.add(tokens.subList(from, to));
                }
                from = to;
            }
            return all;
        }

        /** The words of the command the offset is in (between the separators around it). */
        public List<Token> commandAt(int offset) {
            int begin = -1;
            int end = Integer.MAX_VALUE;
            for (int sep : separators) {
                if (sep < offset) {
                    begin = sep;
                } else {
                    end = Math.min(end, sep);
                }
            }
            List<Token> words = new ArrayList<>();
            for (Token t : tokens) {
                if (t.start() > begin && t.start() < end) {
                    words.add(t);
                }
            }
            return words;
        }
    }

    /** Splits a complete command text; an unterminated quote is an error that says where it opened. */
    public static Result split(String text) throws SyntaxException {
        return scan(text, false);
    }

    /** Splits a line that may still be being typed: an open quote runs to the end of the text. */
    public static Result splitLenient(String text) {
        try {
            return scan(text, true);
        } catch (SyntaxException e) {
            throw new IllegalStateException("lenient scan cannot fail", e);
        }
    }

    private static Result scan(String s, boolean lenient) throws SyntaxException {
        List<Token> out = new ArrayList<>();
        List<Integer> separators = new ArrayList<>();
        StringBuilder word = null;
        boolean quoted = false;
        int start = -1;
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                if (word != null) {
                    out.add(new Token(word.toString(), quoted, start, i));
                    word = null;
                }
                i++;
            } else if (c == ';') {
                if (word != null) {
                    out.add(new Token(word.toString(), quoted, start, i));
                    word = null;
                }
                separators.add(i);
                i++;
            } else if (c == '#') {
                if (word != null) {
                    out.add(new Token(word.toString(), quoted, start, i));
                    word = null;
                }
                int nl = s.indexOf('\n', i);
                i = nl < 0 ? n : nl;
            } else if (c == '\\') {
                if (i + 1 == n) {
                    if (word != null) {
                        out.add(new Token(word.toString(), quoted, start, i));
                    }
                    return new Result(List.copyOf(out), true, (char) 0, List.copyOf(separators));
                }
                int lineBreak = lineBreakAt(s, i + 1);
                if (lineBreak > 0) {
                    i += 1 + lineBreak; // continuation: the word, if any, goes on after the break
                    continue;
                }
                if (word == null) {
                    word = new StringBuilder();
                    quoted = false;
                    start = i;
                }
                word.append(s.charAt(i + 1));
                i += 2;
            } else if (c == '\'' || c == '"') {
                if (word == null) {
                    word = new StringBuilder();
                    quoted = false;
                    start = i;
                }
                quoted = true;
                int j = i + 1;
                boolean closed = false;
                while (j < n) {
                    char d = s.charAt(j);
                    if (d == c) {
                        closed = true;
                        j++;
                        break;
                    }
                    if (c == '"' && d == '\\') {
                        if (j + 1 == n) {
                            // a backslash at the end inside "...": the quoted text goes on in the next line
                            out.add(new Token(word.toString(), true, start, j));
                            return new Result(List.copyOf(out), true, '"', List.copyOf(separators));
                        }
                        char e = s.charAt(j + 1);
                        int lineBreak = lineBreakAt(s, j + 1);
                        if (lineBreak > 0) {
                            j += 1 + lineBreak;
                            continue;
                        }
                        if (e == '"' || e == '\\') {
                            word.append(e);
                            j += 2;
                            continue;
                        }
                    }
                    word.append(d);
                    j++;
                }
                if (!closed) {
                    if (!lenient) {
                        int lineStart = s.lastIndexOf('\n', i) + 1;
                        throw new SyntaxException("unterminated " + (c == '"' ? "double" : "single")
                                + " quote (" + c + ") at column " + (i - lineStart + 1) + " of: "
                                + firstLine(s, i), linesBefore(s, i));
                    }
                    out.add(new Token(word.toString(), true, start, n));
                    return new Result(List.copyOf(out), false, c, List.copyOf(separators));
                }
                i = j;
            } else {
                if (word == null) {
                    word = new StringBuilder();
                    quoted = false;
                    start = i;
                }
                word.append(c);
                i++;
            }
        }
        if (word != null) {
            out.add(new Token(word.toString(), quoted, start, n));
        }
        return new Result(List.copyOf(out), false, (char) 0, List.copyOf(separators));
    }

    /** The length of the line break at {@code i} (1 for \n, 2 for \r\n), or 0. */
    private static int lineBreakAt(String s, int i) {
        if (i < s.length() && s.charAt(i) == '\n') {
            return 1;
        }
        if (i + 1 < s.length() && s.charAt(i) == '\r' && s.charAt(i + 1) == '\n') {
            return 2;
        }
        return 0;
    }

    private static int linesBefore(String s, int at) {
        int count = 0;
        for (int k = 0; k < at; k++) {
            if (s.charAt(k) == '\n') {
                count++;
            }
        }
        return count;
    }

    /** The physical line around an offset, for error messages. */
    private static String firstLine(String s, int at) {
        int b = s.lastIndexOf('\n', at) + 1;
        int e = s.indexOf('\n', at);
        return s.substring(b, e < 0 ? s.length() : e).strip();
    }
}
