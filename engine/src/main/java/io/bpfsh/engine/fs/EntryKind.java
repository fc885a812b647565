package io.bpfsh.engine.fs;

import java.util.Locale;

/** What a bpffs entry is. */
public enum EntryKind {
    DIRECTORY, MAP, PROG, LINK,
    /** a symlink, shown with its target and never followed */
    SYMLINK,
    /** a mount point below the root, never crossed */
    MOUNT,
    /** a pin that could not be opened (permissions, or a kernel-internal entry such as maps.debug) */
    UNKNOWN;

    public String displayName() {
        return this == DIRECTORY ? "dir" : name().toLowerCase(Locale.ROOT);
    }
}
