package io.bpfsh.shell;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The number of BPF object FDs (maps, programs, links) this process holds: exact where a count of
 * all FDs is not, since the JVM opens and closes files of its own at any time.
 */
public final class BpfFds {
    private BpfFds() {
    }

    public static int count() {
        String[] fds = new File("/proc/self/fd").list();
        int n = 0;
        for (String fd : fds == null ? new String[0] : fds) {
            try {
                if (Files.readSymbolicLink(Path.of("/proc/self/fd", fd)).toString().startsWith("anon_inode:bpf")) {
                    n++;
                }
            } catch (IOException | UnsupportedOperationException e) {
                // closed meanwhile
            }
        }
        return n;
    }
}
