package io.bpfsh.engine.sys;

/**
 * PROG_LOAD refused the program. The message ends with the verifier's last words; the whole log is
 * in {@link #verifierLog()} for callers that show it (the shell does with --debug or {@code load --verifier-log}).
 */
public class ProgramLoadException extends BpfException {
    private final String verifierLog;

    public ProgramLoadException(int errno, String subject, String verifierLog) {
        super(BpfCommand.PROG_LOAD, errno, subject, summary(verifierLog));
        this.verifierLog = verifierLog == null ? "" : verifierLog;
    }

    public String verifierLog() {
        return verifierLog;
    }

    /** The verifier's reason: the last non-empty log line that is not a statistics line. */
    static String summary(String log) {
        if (log == null || log.isBlank()) {
            return null;
        }
        String[] lines = log.split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            String l = lines[i].trim();
            if (!l.isEmpty() && !l.startsWith("processed ") && !l.startsWith("verification time")
                    && !l.startsWith("stack depth")) {
                return "verifier: " + l;
            }
        }
        return null;
    }
}
