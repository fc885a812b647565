package io.bpfsh.shell;

/**
 * A command failed because something it ran failed and was reported already (a sourced script's
 * error, with that script's file and line): the command fails, so a batch stops, but nothing more
 * is printed.
 */
public final class ReportedFailure extends CommandException {
    public ReportedFailure(String message) {
        super(message);
    }
}
