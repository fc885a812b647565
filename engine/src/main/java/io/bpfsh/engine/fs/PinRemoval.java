package io.bpfsh.engine.fs;

import io.bpfsh.engine.sys.Errno;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Removing pins, one or a directory tree, each in its parent directory's FD, refusing what is not a pin or directory of this bpffs. */
final class PinRemoval {
    private final Bpffs bpffs;

    PinRemoval(Bpffs bpffs) {
        this.bpffs = bpffs;
    }

    /** Removes one pin (a map, prog or link file). Directories need {@link #unpinRecursive}. */
    void unpin(PinPath path) throws BpffsException {
        if (!removePin(path)) {
            throw new BpffsException("unpin " + path + ": " + Errno.describe(Errno.ENOENT.number()));
        }
    }

    /**
     * Removes a pin, with unlinkat in its parent's FD, after checking that it is one: a directory, a
     * symlink or a mount point is refused. False when nothing was there.
     */
    boolean removePin(PinPath path) throws BpffsException {
        bpffs.requireMounted();
        try (BpffsDirectory parent = bpffs.parent("unpin", path)) {
            FsCalls.Stat s = parent.stat(path.name());
            if (s.errno() == Errno.ENOENT.number()) {
                return false;
            }
            String refused = refuseRemoval(parent, path.name(), s);
            if (refused != null) {
                throw new BpffsException("unpin " + path + refused);
            }
            if (s.type() == FsCalls.S_IFDIR) {
                throw new BpffsException("unpin " + path + ": is a directory (use --recursive to remove what it holds)");
            }
            int r = parent.unlink(path.name());
            if (r == -Errno.ENOENT.number()) {
                return false;
            }
            if (r < 0) {
                throw new BpffsException("unpin " + path + ": " + BpffsDirectory.reason(-r));
            }
            return true;
        } catch (BpffsException e) {
            if (e.getMessage().endsWith("does not exist")) {
                return false;
            }
            throw e;
        }
    }

    /** Why an entry must not be removed (it is not a pin or a directory of this bpffs), or null. */
    static String refuseRemoval(BpffsDirectory dir, String name, FsCalls.Stat s) {
        if (s.errno() != 0) {
            return ": " + BpffsDirectory.reason(s.errno());
        }
        if (s.mountRoot()) {
            return dir.refusal(name, Errno.EXDEV.number());
        }
        if (s.type() == FsCalls.S_IFLNK) {
            return dir.refusal(name, Errno.ELOOP.number()).replace("follows no symlinks", "removes no symlinks");
        }
        if (s.type() != FsCalls.S_IFREG && s.type() != FsCalls.S_IFDIR) {
            return ": is neither a pinned object nor a directory";
        }
        return null;
    }

    /**
     * Removes a pin, or a directory and every pin and directory below it, each in its parent's FD; returns
     * what it removed. A symlink, a mount point or anything but a pin or a directory stops it, and the
     * error says what was already removed.
     */
    List<Path> unpinRecursive(PinPath path) throws BpffsException {
        bpffs.requireMounted();
        List<Path> removed = new ArrayList<>();
        try (BpffsDirectory parent = bpffs.parent("unpin", path)) {
            FsCalls.Stat s = parent.stat(path.name());
            if (s.errno() == Errno.ENOENT.number()) {
                throw new BpffsException("unpin " + path + ": " + Errno.describe(Errno.ENOENT.number()));
            }
            removeEntry(parent, path.name(), s, removed);
            return removed;
        } catch (BpffsException e) {
            if (removed.isEmpty()) {
                throw e.getMessage().startsWith("unpin ") ? e : new BpffsException("unpin " + path + ": " + e.getMessage(), e);
            }
            throw new BpffsException("unpin " + path + ": stopped: " + e.getMessage() + "; removed before stopping: "
                    + removed.size() + (removed.size() == 1 ? " entry (" : " entries (")
                    + String.join(", ", removed.stream().limit(10).map(Path::toString).toList())
                    + (removed.size() > 10 ? ", ..." : "") + ")", e);
        }
    }

    private static void removeEntry(BpffsDirectory dir, String name, FsCalls.Stat s, List<Path> removed)
            throws BpffsException {
        Path p = dir.path().resolve(name);
        String refused = refuseRemoval(dir, name, s);
        if (refused != null) {
            throw new BpffsException(p + refused);
        }
        if (s.type() == FsCalls.S_IFDIR) {
            try (BpffsDirectory child = dir.child(name)) {
                for (String n : child.names()) {
                    removeEntry(child, n, child.stat(n), removed);
                }
            }
        }
        int r = s.type() == FsCalls.S_IFDIR ? dir.rmdir(name) : dir.unlink(name);
        if (r < 0 && r != -Errno.ENOENT.number()) {
            throw new BpffsException(p + ": " + BpffsDirectory.reason(-r));
        }
        removed.add(p);
    }
}
