package io.bpfsh.shell.script;

/** A script line that cannot be split into words, with the file and line at fault. */
public class ScriptSyntaxException extends Exception {
    private final String origin;
    private final int line;
    private final boolean fatal;

    public ScriptSyntaxException(String origin, int line, String message) {
        this(origin, line, message, false);
    }

    /** @param fatal the input itself is at fault (too long a line, not UTF-8): nothing more is read */
    public ScriptSyntaxException(String origin, int line, String message, boolean fatal) {
        super(message);
        this.origin = origin;
        this.line = line;
        this.fatal = fatal;
    }

    /** Whether reading stopped here: the script ends, even with --keep-going. */
    public boolean fatal() {
        return fatal;
    }

    public String origin() {
        return origin;
    }

    public int line() {
        return line;
    }

    /** "tour.bpfsh:12" */
    public String location() {
        return origin + ":" + line;
    }
}
