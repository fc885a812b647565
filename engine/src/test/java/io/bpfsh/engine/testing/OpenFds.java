package io.bpfsh.engine.testing;

import java.io.File;

/** The number of open file descriptors of this process, from /proc/self/fd. */
public final class OpenFds {
    private OpenFds() {
    }

    public static int count() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }
}
