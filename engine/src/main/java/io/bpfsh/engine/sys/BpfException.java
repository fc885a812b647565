package io.bpfsh.engine.sys;

import io.bpfsh.engine.EngineException;

/**
 * A bpf(2) command, or a bpffs operation, that the kernel refused: carries the command, the errno and
 * the path or object concerned, e.g. {@code pin /sys/fs/bpf/ns1/test1: file exists (EEXIST)}.
 */
public class BpfException extends EngineException {
    private final BpfCommand command;
    private final int errno;
    private final String subject;

    public BpfException(BpfCommand command, int errno, String subject) {
        this(command, errno, subject, null);
    }

    /** @param detail added after the errno text, e.g. a hint or a verifier log summary; may be null */
    public BpfException(BpfCommand command, int errno, String subject, String detail) {
        super(message(command, errno, subject, detail));
        this.command = command;
        this.errno = errno;
        this.subject = subject;
    }

    private static String message(BpfCommand command, int errno, String subject, String detail) {
        StringBuilder sb = new StringBuilder(command.verb());
        if (subject != null && !subject.isEmpty()) {
            sb.append(' ').append(subject);
        }
        sb.append(": ").append(Errno.describe(errno));
        if (detail != null && !detail.isEmpty()) {
            sb.append(": ").append(detail);
        } else if ((command == BpfCommand.OBJ_GET || command == BpfCommand.OBJ_PIN)
                && (errno == Errno.EACCES.number() || errno == Errno.EPERM.number())) {
            // the cause, which errno alone does not tell an unprivileged user
            sb.append(": the pin's permissions do not allow this access (root or CAP_BPF is needed otherwise)");
        }
        return sb.toString();
    }

    public BpfCommand command() {
        return command;
    }

    public int errno() {
        return errno;
    }

    /** True when the errno is the given one; reads better than comparing numbers. */
    public boolean is(Errno e) {
        return errno == e.number();
    }

    /** The path or object the command was about, as given in the message; may be empty. */
    public String subject() {
        return subject;
    }
}
