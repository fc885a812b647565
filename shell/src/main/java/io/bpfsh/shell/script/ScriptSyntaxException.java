package io.bpfsh.shell.script;

/** A script line that cannot be split into words, with the file and line at fault. */
public class ScriptSyntaxException extends Exception {
    private final String origin;
    private final int line;

    public ScriptSyntaxException(String origin, int line, String message) {
        super(message);
        this.origin = origin;
        this.line = line;
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
