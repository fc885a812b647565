package io.bpfsh.shell.output;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Where commands print: one byte stream (stdout, or the terminal's output in the REPL) with three
 * ways onto it that share its one buffer, so that what each writes stays in order: {@link #text()}
 * for lines and tables, {@link #json()} for a --json document, {@link #bytes()} for output
 * formatted straight into the buffer (dumps). Each hands over the buffered output of the others
 * before it writes. This is the shell's one output API: an error printer or another output format
 * goes here, not into the commands.
 */
public final class Output {
    private final ByteOutput bytes;
    private final PrintWriter text;

    public Output(OutputStream out) {
        this.bytes = new ByteOutput(out);
        // escaped: no control character from a name reaches the terminal, each println is one line
        this.text = new TerminalPrinter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), false);
    }

    /** Text, UTF-8 encoded; println writes a line feed. */
    public PrintWriter text() {
        return text;
    }

    /** The buffer itself, after the text written so far. */
    public ByteOutput bytes() {
        text.flush();
        return bytes;
    }

    /** A writer for one JSON document on this output; end it with {@link JsonWriter#endDocument()}. */
    public JsonWriter json() {
        text.flush();
        return new JsonWriter(bytes);
    }

    /** Writes everything buffered to the stream. */
    public void flush() {
        text.flush();
    }

    /** True once writing to the stream has failed (a closed pipe); output is being dropped. */
    public boolean failed() {
        return bytes.checkError();
    }
}
