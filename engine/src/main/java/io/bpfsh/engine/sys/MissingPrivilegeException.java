package io.bpfsh.engine.sys;

/**
 * The kernel refused with EPERM because the caller lacks a capability (root or CAP_BPF to create
 * objects, CAP_SYS_ADMIN to open them by id). A type of its own so that callers can tell it from
 * other refusals, which they may work around, without reading the message.
 */
public final class MissingPrivilegeException extends BpfException {
    /** @param detail what is missing, e.g. "root or CAP_BPF is needed" */
    public MissingPrivilegeException(BpfCommand command, String subject, String detail) {
        super(command, Errno.EPERM.number(), subject, detail);
    }
}
