package io.bpfsh.engine.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The number of open file descriptors of this process, from /proc/self/fd, less the ones the JVM
 * opens for class loading (jar files, the JDK's module image) and container metrics (cgroup limit
 * files) at moments no test controls. Every
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
            if (!target.endsWith(".jar") && !target.endsWith("/lib/modules") && !isContainerMetric(target)) {
                n++;
            }
        }
        return n;
    }

    /**
     * The JVM's container support reads cgroup limits (memory.limit_in_bytes, cpu.max, ...) from its own
     * threads at moments no test controls, so a count could change by one in the middle of a test. Only
     * these files are left out: a cgroup directory the engine opens (to attach a program) still counts.
     */
    private static boolean isContainerMetric(String target) {
        if (!target.startsWith("/sys/fs/cgroup/")) {
            return false;
        }
        String name = target.substring(target.lastIndexOf('/') + 1);
        return name.startsWith("memory.") || name.startsWith("cpu.") || name.startsWith("cpuset.")
                || name.startsWith("pids.");
    }
}
