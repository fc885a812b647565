package io.bpfsh.engine.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The number of open file descriptors of this process, from /proc/self/fd, less the ones the JVM
 * opens for class loading (jar files, the JDK's module image) at moments no test controls. Every
 * descriptor the engine can open (bpf objects, object files, directories) is counted.
 */
public final class OpenFds {
    private OpenFds() {
    }

    public static int count() {
        String[] fds = new File("/proc/self/fd").list();
        if (fds == null) {
            return -1;
        }
        int n = 0;
        for (String fd : fds) {
            String target;
            try {
                target = Files.readSymbolicLink(Path.of("/proc/self/fd", fd)).toString();
            } catch (IOException e) {
                continue; // the descriptor of the listing itself, closed meanwhile
            }
            if (!target.endsWith(".jar") && !target.endsWith("/lib/modules")) {
                n++;
            }
        }
        return n;
    }
}
