package io.bpfsh.shell.output;

import java.io.IOException;
import java.io.Writer;

/**
 * Writes through {@link TerminalText}: every character it escapes is escaped, except the line breaks
 * that output is made of and tabs (stack traces under --debug; a tab cannot drive a terminal). The shell's stdout and stderr are wrapped in it, so that no command, table or
 * message can print a control character by forgetting to escape a name. It keeps no buffer of its own.
 */
public final class EscapingWriter extends Writer {
    private final Writer out;

    public EscapingWriter(Writer out) {
        this.out = out;
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        int plain = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            char c = chars[i];
            if (c != '\n' && c != '\t' && TerminalText.needsEscape(c)) {
                out.write(chars, plain, i - plain);
                StringBuilder escaped = new StringBuilder(6);
                TerminalText.appendEscaped(escaped, c);
                out.write(escaped.toString());
                plain = i + 1;
            }
        }
        out.write(chars, plain, end - plain);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
