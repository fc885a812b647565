package io.bpfsh.shell.script;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Reads the commands of a script one at a time, so that a long script or stdin is never held in
 * memory and every command keeps the number of the line it starts on. Blank and comment-only lines
 * are skipped; a trailing backslash joins the next line.
 *
 * <p>No input can exhaust memory: a command (its lines joined by continuations) longer than
 * {@link #MAX_LINE_BYTES} is an error, found after reading at most that many bytes. Scripts are
 * UTF-8; an input that starts with the ELF magic, or whose first line is not UTF-8, is not a script
 * at all ({@link ScriptInputException}). Errors about the input itself (too long, not UTF-8) are
 * {@linkplain ScriptSyntaxException#fatal() fatal}: nothing more is read from it.
 */
public final class ScriptReader {
    /** The longest command, its continued lines included, in bytes. */
    public static final int MAX_LINE_BYTES = 1 << 20;
    private static final int EM_BPF = 247;

    /** How the reader splits text; a test counts what it is given, to show that reading is linear. */
    interface Splitter {
        Tokenizer.Result split(String text) throws SyntaxException;
    }

    private final InputStream in;
    private final Splitter splitter;
    private final String origin;
    private final boolean namesAFile;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;
    private boolean endOfInput;
    private boolean stopped;
    private byte[] line = new byte[256];
    private int lineLength;
    private int lineNumber;
    /** The commands after the first of a line that holds several ({@code ls; maps}). */
    private final Deque<ScriptCommand> pending = new ArrayDeque<>();

    /**
     * @param in         the script's bytes; read as needed, never further than the command returned
     *                   (so commands from a pipe run as they arrive)
     * @param origin     how the script is named in errors: a file name, "&lt;stdin&gt;", "-c"
     * @param namesAFile whether {@code origin} is a file a user could load (for the hint given when
     *                   it is an eBPF object)
     */
    public ScriptReader(InputStream in, String origin, boolean namesAFile) {
        this(in, origin, namesAFile, Tokenizer::split);
    }

    ScriptReader(InputStream in, String origin, boolean namesAFile, Splitter splitter) {
        this.in = in;
        this.splitter = splitter;
        this.origin = origin;
        this.namesAFile = namesAFile;
    }

    /** A script held in a string (-c): not a file. */
    public static ScriptReader of(String text, String origin) {
        return new ScriptReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), origin, false);
    }

    public String origin() {
        return origin;
    }

    /**
     * The next command, or null at the end of the input (or after a fatal error).
     *
     * @throws ScriptSyntaxException for a command that cannot be split; the lines it spans are
     *                               consumed, so reading on continues after it, unless the error
     *                               is fatal
     * @throws ScriptInputException  when the input is not a script (an ELF object, not UTF-8)
     */
    public ScriptCommand next() throws IOException, ScriptSyntaxException, ScriptInputException {
        if (!pending.isEmpty()) {
            return pending.poll();
        }
        while (!stopped) {
            String first = readLine(0, 0);
            if (first == null) {
                return null;
            }
            if (lineNumber == 1 && first.startsWith("\uFEFF")) {
                first = first.substring(1); // a UTF-8 byte order mark from some editors
            }
            int startLine = lineNumber;
            int bytes = lineLength;
            StringBuilder text = new StringBuilder(first);
            // Whether a line continues depends only on the line and on whether it starts inside a
            // double-quoted word, so each line is split alone (with a '"' in front when it does), and
            // the joined command once at the end: linear, where splitting the growing text at every
            // '\' was quadratic (40,000 continued lines took 19 s).
            String line = first;
            while (true) {
                Tokenizer.Result partial;
                try {
                    partial = splitter.split(line);
                } catch (SyntaxException e) {
                    break; // splitting the whole command below reports it, with its line
                }
                if (!partial.continues()) {
                    break;
                }
                String more = readLine(bytes + 1, startLine);
                if (more == null) {
                    throw new ScriptSyntaxException(origin, lineNumber,
                            "the line ends with a continuation backslash (\\) but the input ends there");
                }
                bytes += 1 + lineLength;
                text.append('\n').append(more);
                line = (partial.openQuote() == '"' ? "\"" : "") + more;
            }
            Tokenizer.Result r;
            try {
                r = splitter.split(text.toString());
            } catch (SyntaxException e) {
                throw new ScriptSyntaxException(origin, startLine + e.lineOffset(), e.getMessage());
            }
            String all = text.toString();
            for (List<Token> command : r.commands()) { // ';' puts several on one line
                pending.add(new ScriptCommand(origin, startLine + linesBefore(all, command.get(0).start()), command));
            }
            if (!pending.isEmpty()) {
                return pending.poll();
            }
        }
        return null;
    }

    private static int linesBefore(String text, int offset) {
        int n = 0;
        for (int k = 0; k < offset; k++) {
            if (text.charAt(k) == '\n') {
                n++;
            }
        }
        return n;
    }

    /**
     * The next physical line, without its line break (and a CR before it), or null at the end of the
     * input. {@code used} bytes of the command are already taken by earlier lines.
     */
    private String readLine(int used, int startLine) throws IOException, ScriptSyntaxException, ScriptInputException {
        int allowed = MAX_LINE_BYTES - used;
        lineLength = 0;
        boolean any = false;
        while (true) {
            if (position == limit && !fill()) {
                if (!any) {
                    return null;
                }
                break;
            }
            any = true;
            int i = position;
            while (i < limit && buffer[i] != '\n') {
                i++;
            }
            boolean ended = i < limit;
            // keep at most two bytes past what is allowed: enough to tell a CR before the LF from too long
            append(position, Math.min(i, position + allowed + 2 - lineLength));
            position = ended ? i + 1 : i;
            if (ended || lineLength > allowed + 1) {
                break;
            }
        }
        lineNumber++;
        if (lineLength > 0 && line[lineLength - 1] == '\r' && lineLength <= allowed + 1) {
            lineLength--;
        }
        checkObject();
        if (lineLength > allowed) {
            stopped = true;
            throw new ScriptSyntaxException(origin, startLine > 0 ? startLine : lineNumber,
                    "line longer than " + MAX_LINE_BYTES + " bytes", true);
        }
        try {
            return utf8.reset().decode(ByteBuffer.wrap(line, 0, lineLength)).toString();
        } catch (CharacterCodingException e) {
            stopped = true;
            if (lineNumber == 1) {
                throw new ScriptInputException(origin + ": not a bpfsh script (not UTF-8 text)");
            }
            throw new ScriptSyntaxException(origin, lineNumber, "not UTF-8 text", true);
        }
    }

    /** On the first line: an ELF file is an object to load, not a script. */
    private void checkObject() throws ScriptInputException {
        if (lineNumber != 1 || lineLength < 4 || line[0] != 0x7f || line[1] != 'E' || line[2] != 'L' || line[3] != 'F') {
            return;
        }
        stopped = true;
        boolean bpf = lineLength >= 20 && ((line[18] & 0xff) | (line[19] & 0xff) << 8) == EM_BPF;
        if (!bpf) {
            throw new ScriptInputException(origin + ": not a bpfsh script (an ELF file)");
        }
        throw new ScriptInputException(origin + ": not a bpfsh script: it is an eBPF object (ELF)"
                + (namesAFile ? "; to load it: load " + origin : ""));
    }

    private void append(int from, int to) {
        int n = to - from;
        if (n <= 0) {
            return;
        }
        if (lineLength + n > line.length) {
            line = Arrays.copyOf(line, Math.max(lineLength + n, line.length * 2));
        }
        System.arraycopy(buffer, from, line, lineLength, n);
        lineLength += n;
    }

    private boolean fill() throws IOException {
        if (endOfInput) {
            return false;
        }
        int n = in.read(buffer);
        if (n <= 0) {
            endOfInput = n < 0;
            position = 0;
            limit = 0;
            return !endOfInput && fill();
        }
        position = 0;
        limit = n;
        return true;
    }
}
