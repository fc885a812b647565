package io.bpfsh.engine.fs;

import io.bpfsh.engine.sys.Errno;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;

/**
 * The errno text of a failed file operation, as bpf(2) errors give it ("no such file or directory
 * (ENOENT)"). java.nio's own messages repeat the path, which the callers' messages already name.
 */
public final class IoReason {
    private IoReason() {
    }

    public static String of(IOException e) {
        if (e instanceof NoSuchFileException) {
            return Errno.describe(Errno.ENOENT.number());
        }
        if (e instanceof DirectoryNotEmptyException) {
            return Errno.describe(Errno.ENOTEMPTY.number());
        }
        if (e instanceof FileAlreadyExistsException) {
            return Errno.describe(Errno.EEXIST.number());
        }
        if (e instanceof AccessDeniedException) {
            return Errno.describe(Errno.EACCES.number());
        }
        String reason = e instanceof java.nio.file.FileSystemException f ? f.getReason() : e.getMessage();
        return reason == null ? e.getClass().getSimpleName() : reason;
    }
}
