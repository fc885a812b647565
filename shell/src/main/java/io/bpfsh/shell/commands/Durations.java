package io.bpfsh.shell.commands;

import io.bpfsh.shell.CommandException;
import io.bpfsh.shell.Session;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The DURATION of --interval options (500ms, 1s, 1.5s, 2m; a bare number is seconds), and waiting one out. */
final class Durations {
    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)?");
    /** How often a wait looks at Ctrl-C. */
    private static final long SLICE_MILLIS = 100;

    private Durations() {
    }

    static long millis(String command, String text) throws CommandException {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new CommandException(command + ": --interval '" + text + "' is not a duration (500ms, 1s, 2m)");
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double ms = unit.equals("ms") ? n : unit.equals("s") ? n * 1000 : n * 60_000;
        if (ms < 10 || ms > 86_400_000) {
            throw new CommandException(command + ": --interval " + text + " is outside 10ms..24h");
        }
        return (long) ms;
    }

    /** Waits, in slices that look at Ctrl-C; false when Ctrl-C came (and clears it). */
    static boolean sleep(Session session, long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        while (true) {
            if (session.clearInterrupt()) {
                return false;
            }
            long left = (end - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return true;
            }
            try {
                Thread.sleep(Math.min(left, SLICE_MILLIS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
