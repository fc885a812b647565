package io.bpfsh.shell.script;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * Reads the commands of a script one at a time, so that a long script or stdin is never held in
 * memory and every command keeps the number of the line it starts on. Blank and comment-only lines
 * are skipped; a trailing backslash joins the next line.
 */
public final class ScriptReader {
    private final BufferedReader in;
    private final String origin;
    private int lineNumber;

    public ScriptReader(BufferedReader in, String origin) {
        this.in = in;
        this.origin = origin;
    }

    public String origin() {
        return origin;
    }

    /**
     * The next command, or null at the end of the input.
     *
     * @throws ScriptSyntaxException for a command that cannot be split; the lines it spans are
     *                               consumed, so reading on continues after it
     */
    public ScriptCommand next() throws IOException, ScriptSyntaxException {
        while (true) {
            String first = in.readLine();
            if (first == null) {
                return null;
            }
            lineNumber++;
            if (lineNumber == 1 && first.startsWith("\uFEFF")) {
                first = first.substring(1); // a UTF-8 byte order mark from some editors
            }
            int startLine = lineNumber;
            StringBuilder text = new StringBuilder(first);
            Tokenizer.Result r;
            while (true) {
                try {
                    r = Tokenizer.split(text.toString());
                } catch (SyntaxException e) {
                    throw new ScriptSyntaxException(origin, startLine + e.lineOffset(), e.getMessage());
                }
                if (!r.continues()) {
                    break;
                }
                String more = in.readLine();
                if (more == null) {
                    throw new ScriptSyntaxException(origin, lineNumber,
                            "the line ends with a continuation backslash (\\) but the input ends there");
                }
                lineNumber++;
                text.append('\n').append(more);
            }
            if (!r.tokens().isEmpty()) {
                return new ScriptCommand(origin, startLine, r.tokens());
            }
        }
    }
}
