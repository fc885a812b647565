package io.bpfsh.engine.fs;

import io.bpfsh.engine.sys.Errno;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Whether a bpffs root is mounted, and mounting one there (for {@link Bpffs}). */
final class BpffsMount {
    private final Path root;

    BpffsMount(Path root) {
        this.root = root;
    }

    /** Whether the path (which must exist) lies on a bpffs (statfs magic 0xcafe4a11). */
    static boolean isOnBpffs(Path path) {
        return FsCalls.fsType(path.toString()) == FsCalls.BPF_FS_MAGIC;
    }

    /** True when the root, or its nearest existing ancestor, is on a bpffs. */
    boolean isMounted() {
        Path p = nearestExisting(root);
        return p != null && isOnBpffs(p);
    }

    /** Fails with a one-line error that says how to mount when the root is not on a bpffs. */
    void requireMounted() throws BpffsException {
        if (!isMounted()) {
            throw new BpffsException("bpffs is not mounted at " + root
                    + " (mount it with: mount -t bpf bpf " + root + ")");
        }
    }

    /**
     * Mounts a new bpffs at the root when none is there. Never mounts over a directory that holds
     * anything (bpftool does, and hides what was there); creates the root directory if it is missing,
     * but not its parents: a mistyped path should not leave a trail of directories.
     *
     * @return true if it mounted, false if the root was already on a bpffs
     */
    boolean mount() throws BpffsException {
        if (isMounted()) {
            return false;
        }
        boolean created = !Files.exists(root);
        Path parent = root.getParent();
        if (created && parent != null && !Files.isDirectory(parent)) {
            throw new BpffsException("mount bpffs at " + root + ": " + parent + " does not exist");
        }
        try {
            if (created) {
                Files.createDirectory(root);
            }
            try (Stream<Path> s = Files.list(root)) {
                if (s.findAny().isPresent()) {
                    throw new BpffsException("refusing to mount bpffs over " + root + ": the directory is not empty");
                }
            }
        } catch (IOException e) {
            throw new BpffsException("mount bpffs at " + root + ": " + IoReason.of(e), e);
        }
        int r = FsCalls.mountBpffs(root.toString());
        if (r != 0 && created) {
            try {
                Files.deleteIfExists(root); // leave no directory behind for a mount that failed
            } catch (IOException e) {
                // the mount error below is what matters
            }
        }
        if (r != 0) {
            throw new BpffsException("mount bpffs at " + root + ": " + Errno.describe(-r)
                    + (r == -Errno.EPERM.number() ? ": root or CAP_SYS_ADMIN is needed" : ""));
        }
        return true;
    }

    private static Path nearestExisting(Path p) {
        Path d = p;
        while (d != null && !Files.exists(d)) {
            d = d.getParent();
        }
        return d;
    }
}
