package io.bpfsh.shell.output;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * The shell's stdout and stderr. Everything written goes through {@link EscapingWriter}, so no control
 * character reaches the terminal raw; and each {@code println} of a text is one line: a line break or
 * another control character inside it (a name from an object file, a pin another user made) is
 * escaped too. Multi-line text is printed a line at a time.
 */
public final class TerminalPrinter extends PrintWriter {
    public TerminalPrinter(Writer out, boolean autoFlush) {
        super(new EscapingWriter(out), autoFlush);
    }

    @Override
    public void println(String line) {
        super.println(TerminalText.escapeLine(line));
    }

    @Override
    public void println(Object line) {
        println(String.valueOf(line));
    }
}
