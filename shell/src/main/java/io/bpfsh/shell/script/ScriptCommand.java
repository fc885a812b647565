package io.bpfsh.shell.script;

import java.util.List;

/**
 * One command of a script, with where it was written.
 *
 * @param origin how the script is named in errors: a file name, "-" for stdin, "-c" for -c
 * @param line   the physical line the command starts on, counting from 1
 * @param tokens its words
 */
public record ScriptCommand(String origin, int line, List<Token> tokens) {
    /** "tour.bpfsh:12" */
    public String location() {
        return origin + ":" + line;
    }
}
