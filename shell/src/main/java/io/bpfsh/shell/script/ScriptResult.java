package io.bpfsh.shell.script;

/** What a script run did: how many commands ran and how many of them failed. */
public record ScriptResult(int commands, int failures) {
    public boolean ok() {
        return failures == 0;
    }
}
