package io.bpfsh.engine.fs;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.sys.BpfException;
import io.bpfsh.engine.sys.BpfLink;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.BpfObject;
import io.bpfsh.engine.sys.BpfProgram;
import io.bpfsh.engine.sys.Errno;
import io.bpfsh.engine.sys.KernelObjects;
import io.bpfsh.engine.sys.PinAccess;
import io.bpfsh.engine.sys.WrongObjectKindException;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/**
 * A bpffs root (default /sys/fs/bpf, or any directory on a bpffs, such as a test's own) and the
 * operations on pins under it. Every path is validated by {@link #resolve(String)} before a syscall.
 *
 * <p>Longer than most classes on purpose: every operation that touches a path under the root (resolve,
 * mount, parent directories, pin, open, unpin, list) is here, so that the one path validation, the
 * symlink check and the mount rule cannot be bypassed by a second class that forgot them.
 */
public final class Bpffs {
    public static final Path DEFAULT_ROOT = Path.of("/sys/fs/bpf");
    /** bpffs refuses names longer than NAME_MAX and paths longer than PATH_MAX. */
    private static final int NAME_MAX = 255;
    private static final int PATH_MAX = 4095;

    /** Numbers the temporary names of replacements made by this process. */
    private static final java.util.concurrent.atomic.AtomicLong TEMPORARY_NAMES = new java.util.concurrent.atomic.AtomicLong();

    private final Path root;

    public Bpffs(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public static Bpffs atDefaultRoot() {
        return new Bpffs(DEFAULT_ROOT);
    }

    public Path root() {
        return root;
    }

    /** Whether the path (which must exist) lies on a bpffs (statfs magic 0xcafe4a11). */
    public static boolean isOnBpffs(Path path) {
        return FsCalls.fsType(path.toString()) == FsCalls.BPF_FS_MAGIC;
    }

    /** True when the root, or its nearest existing ancestor, is on a bpffs. */
    public boolean isMounted() {
        Path p = nearestExisting(root);
        return p != null && isOnBpffs(p);
    }

    /** Fails with a one-line error that says how to mount when the root is not on a bpffs. */
    public void requireMounted() throws BpffsException {
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
    public boolean mount() throws BpffsException {
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

    /**
     * Validates a pin path: relative paths resolve under the root; absolute ones must lie inside it.
     * Refuses empty paths, '..', the root itself, names with a '.' (the kernel reserves them), and
     * names or paths longer than the kernel allows. The error names the path.
     */
    public PinPath resolve(String path) throws PinPathException {
        if (path == null || path.isBlank()) {
            throw new PinPathException("empty pin path");
        }
        if (path.indexOf('\0') >= 0) {
            throw new PinPathException("pin path '" + path.replace('\0', '?') + "' contains a NUL byte");
        }
        Path p = Path.of(path);
        Path relative;
        if (p.isAbsolute()) {
            Path n = p.normalize();
            if (!n.startsWith(root) || containsDotDot(p)) {
                throw new PinPathException("pin path " + path + " is outside the bpffs root " + root);
            }
            relative = root.relativize(n);
        } else {
            relative = p;
        }
        List<String> names = new ArrayList<>();
        for (Path name : relative) {
            String s = name.toString();
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                throw new PinPathException("pin path " + path + " is outside the bpffs root " + root
                        + " ('..' is not allowed)");
            }
            if (s.indexOf('.') >= 0) {
                throw new PinPathException("pin path " + path + ": name '" + s
                        + "' contains a '.', which bpffs refuses");
            }
            if (s.length() > NAME_MAX) {
                throw new PinPathException("pin path " + path + ": name '" + s.substring(0, 20)
                        + "...' is longer than " + NAME_MAX + " characters");
            }
            names.add(s);
        }
        if (names.isEmpty()) {
            throw new PinPathException("pin path " + path + " is the bpffs root itself; give a name below it");
        }
        Path resolved = root.resolve(String.join("/", names));
        if (resolved.toString().length() > PATH_MAX) {
            throw new PinPathException("pin path " + path + " is longer than " + PATH_MAX + " characters");
        }
        return new PinPath(resolved, root);
    }

    /** Like {@link #resolve} but also accepts the root itself, for listing. */
    public Path resolveDirectory(String path) throws PinPathException {
        if (path == null || path.isBlank() || path.equals(".") || path.equals("/") && root.equals(Path.of("/"))) {
            return root;
        }
        Path p = Path.of(path);
        if (p.isAbsolute() && p.normalize().equals(root)) {
            return root;
        }
        return resolve(path).path();
    }

    private static boolean containsDotDot(Path p) {
        for (Path name : p) {
            if (name.toString().equals("..")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Creates the missing directories between the bpffs and the pin's parent, top-down, mode 0700 (as
     * gobpf and iproute2 do). Returns the directories it created, so that a failed load can remove them.
     */
    public List<Path> createParents(PinPath pin) throws BpffsException {
        requireMounted();
        Path parent = pin.path().getParent();
        List<Path> missing = new ArrayList<>();
        for (Path d = parent; d != null && !Files.exists(d, LinkOption.NOFOLLOW_LINKS); d = d.getParent()) {
            missing.add(d);
        }
        Collections.reverse(missing);
        Path existing = missing.isEmpty() ? parent : missing.get(0).getParent();
        if (existing != null && existing.startsWith(root) && Files.isDirectory(existing)) {
            requireInsideRoot("pin " + pin, existing); // before creating anything through a symlink
        }
        List<Path> created = new ArrayList<>();
        for (Path d : missing) {
            try {
                Files.createDirectory(d, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                if (!root.startsWith(d)) {
                    // the root (and what leads to it) is where the session works, not something a load
                    // made and may remove again when it is empty
                    created.add(d);
                }
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // another loader made it meanwhile: fine, and not ours to remove
            } catch (IOException e) {
                removeEmptyDirectories(created);
                throw new BpffsException("create directory " + d + ": " + IoReason.of(e), e);
            }
        }
        if (!Files.isDirectory(parent)) {
            removeEmptyDirectories(created);
            throw new BpffsException("pin " + pin + ": " + parent + " is not a directory");
        }
        if (!isOnBpffs(parent)) {
            removeEmptyDirectories(created);
            throw new BpffsException("pin " + pin + ": " + parent + " is not on a bpffs");
        }
        try {
            requireInsideRoot("pin " + pin, parent);
        } catch (BpffsException e) {
            removeEmptyDirectories(created);
            throw e;
        }
        return created;
    }

    /** Removes, deepest first, those of the given directories that are empty; others stay. */
    public void removeEmptyDirectories(List<Path> directories) {
        List<Path> order = new ArrayList<>(directories);
        order.sort((a, b) -> Integer.compare(b.getNameCount(), a.getNameCount()));
        for (Path d : order) {
            try {
                Files.deleteIfExists(d);
            } catch (DirectoryNotEmptyException e) {
                // holds somebody's pins: keep it
            } catch (IOException e) {
                // best effort: a directory we cannot remove is left, never something else
            }
        }
    }

    /** Pins an object at a validated path; the parent directory must exist (see {@link #createParents}). */
    public void pin(BpfObject object, PinPath path) throws EngineException {
        requireMounted();
        Path parent = path.path().getParent();
        if (!Files.isDirectory(parent)) {
            throw new BpffsException("pin " + path + ": directory " + parent + " does not exist");
        }
        requireInsideRoot("pin " + path, parent);
        object.pin(path.toString());
    }

    /** Pins an object, creating the missing parent directories; on failure removes those it created. */
    public List<Path> pinCreatingParents(BpfObject object, PinPath path) throws EngineException {
        if (Files.exists(path.path(), LinkOption.NOFOLLOW_LINKS)) {
            // fail before creating anything: the kernel would say EEXIST, but only after mkdir
            throw new BpfException(io.bpfsh.engine.sys.BpfCommand.OBJ_PIN, Errno.EEXIST.number(), path.toString());
        }
        List<Path> created = createParents(path);
        try {
            object.pin(path.toString());
            return created;
        } catch (EngineException | RuntimeException e) {
            removeEmptyDirectories(created);
            throw e;
        }
    }

    /**
     * Pins the object where another pin may already be, replacing it in one step: the object is pinned
     * at a fresh name beside the target, then renamed over it ({@link #renameOver}), so readers of the
     * path see the old object or the new one and never no object. The old object lives on for whoever
     * holds it. On failure the temporary pin is removed and the target is as it was.
     */
    public void replacePin(BpfObject object, PinPath target) throws EngineException {
        PinPath temporary = pinBeside(object, target);
        try {
            renameOver(temporary, target);
        } catch (EngineException | RuntimeException e) {
            removeQuietly(temporary);
            throw e;
        }
    }

    /** Pins the object at a fresh name in the target's directory, for {@link #renameOver} to move later. */
    public PinPath pinBeside(BpfObject object, PinPath target) throws EngineException {
        if (Files.isDirectory(target.path(), LinkOption.NOFOLLOW_LINKS)) {
            throw new BpffsException("replace " + target + ": is a directory, not a pinned object");
        }
        String base = target.name().length() > 200 ? target.name().substring(0, 200) : target.name();
        for (int attempt = 0; ; attempt++) {
            PinPath temporary = resolve(target.path().resolveSibling(base + "_bpfsh_new_" + ProcessHandle.current().pid()
                    + "_" + TEMPORARY_NAMES.incrementAndGet()).toString());
            try {
                pin(object, temporary);
                return temporary;
            } catch (BpfException e) {
                if (!e.is(Errno.EEXIST) || attempt == 8) {
                    throw e.withContext("replace " + target);
                }
            }
        }
    }

    /**
     * Renames a pin over another of the same directory in one step (bpffs supports rename). The
     * rename is relative to the directory's FD; that FD is opened by path with O_NOFOLLOW on its last
     * name only, like the other operations here until they all move onto directory FDs (issue 10).
     */
    public void renameOver(PinPath from, PinPath to) throws BpffsException {
        Path dir = to.path().getParent();
        if (!dir.equals(from.path().getParent())) {
            throw new IllegalArgumentException(from + " and " + to + " are in different directories");
        }
        requireInsideRoot("replace " + to, dir);
        int r = FsCalls.renameInDirectory(dir.toString(), from.name(), to.name());
        if (r != 0) {
            throw new BpffsException("replace " + to + ": rename from " + from.name() + ": " + Errno.describe(-r));
        }
    }

    /** Whether something (a pin, a directory, anything) is at the path, not following a symlink there. */
    public boolean exists(PinPath pin) {
        return Files.exists(pin.path(), LinkOption.NOFOLLOW_LINKS);
    }

    /** Removes a pin this process made, best effort (undoing a replacement that did not happen). */
    public void removeQuietly(PinPath pin) {
        try {
            Files.deleteIfExists(pin.path());
        } catch (IOException e) {
            // nothing more can be done; the caller reports the failure that led here
        }
    }

    /** Opens whatever is pinned at the path (map, prog or link). */
    public BpfObject open(PinPath path, PinAccess access) throws EngineException {
        requireOpenable(path);
        return KernelObjects.openPinned(path.toString(), access);
    }

    /** Opens whatever is pinned at the path, read-write or, when only reading is allowed, read-only. */
    public BpfObject openAsAllowed(PinPath path) throws EngineException {
        requireOpenable(path);
        return KernelObjects.openPinnedAsAllowed(path.toString());
    }

    public BpfMap openMap(PinPath path, PinAccess access) throws EngineException {
        requireOpenable(path);
        return KernelObjects.openPinnedMap(path.toString(), access);
    }

    public BpfProgram openProgram(PinPath path) throws EngineException {
        requireOpenable(path);
        return KernelObjects.openPinnedProgram(path.toString());
    }

    /** The kernel answers EACCES for a directory; say what it is instead. */
    private void requireOpenable(PinPath path) throws BpffsException {
        requireMounted();
        if (Files.isDirectory(path.path())) {
            throw new BpffsException("get " + path + ": is a directory, not a pinned object");
        }
    }

    /** Removes one pin (a map, prog or link file). Directories need {@link #unpinRecursive}. */
    public void unpin(PinPath path) throws BpffsException {
        requireMounted();
        Path p = path.path();
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new BpffsException("unpin " + p + ": is a directory (use --recursive to remove what it holds)");
        }
        requireInsideRoot("unpin " + p, p.getParent());
        try {
            Files.delete(p);
        } catch (IOException e) {
            throw new BpffsException("unpin " + p + ": " + IoReason.of(e), e);
        }
    }

    /** Removes a pin, or a directory and every pin and directory below it; returns what it removed. */
    public List<Path> unpinRecursive(PinPath path) throws BpffsException {
        requireMounted();
        Path p = path.path();
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new BpffsException("unpin " + p + ": " + Errno.describe(Errno.ENOENT.number()));
        }
        requireInsideRoot("unpin " + p, p.getParent());
        List<Path> all;
        try (Stream<Path> s = Files.walk(p)) {
            all = new ArrayList<>(s.toList());
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new BpffsException("unpin " + p + ": " + e.getMessage(), e);
        }
        all.sort((a, b) -> Integer.compare(b.getNameCount(), a.getNameCount()));
        List<Path> removed = new ArrayList<>();
        for (Path x : all) {
            try {
                Files.delete(x);
                removed.add(x);
            } catch (IOException e) {
                throw new BpffsException("unpin " + x + ": " + IoReason.of(e), e);
            }
        }
        return removed;
    }

    /** The kind and info of one entry; a pin that cannot be opened is UNKNOWN with the reason. */
    public BpffsEntry entry(Path p) {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            return new BpffsEntry(p, EntryKind.DIRECTORY, null, null, null, null);
        }
        BpfObject o;
        try {
            o = KernelObjects.openPinnedAsAllowed(p.toString());
        } catch (BpfException e) {
            return new BpffsEntry(p, EntryKind.UNKNOWN, null, null, null, e.getMessage());
        }
        try (BpfObject opened = o) {
            if (opened instanceof BpfMap m) {
                return new BpffsEntry(p, EntryKind.MAP, m.info(), null, null, null);
            } else if (opened instanceof BpfProgram prog) {
                return new BpffsEntry(p, EntryKind.PROG, null, prog.info(), null, null);
            } else {
                return new BpffsEntry(p, EntryKind.LINK, null, null, ((BpfLink) opened).info(), null);
            }
        }
    }

    /** The entries of a directory, sorted by name, with their kinds and infos. */
    public List<BpffsEntry> list(Path dir) throws BpffsException {
        requireMounted();
        if (dir.equals(root) && !Files.exists(root)) {
            return List.of(); // created on first pin: nothing in it yet
        }
        if (!Files.isDirectory(dir)) {
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                return List.of(entry(dir));
            }
            throw new BpffsException("ls " + dir + ": " + Errno.describe(Errno.ENOENT.number()));
        }
        List<Path> children;
        try (Stream<Path> s = Files.list(dir)) {
            children = new ArrayList<>(s.sorted().toList());
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new BpffsException("ls " + dir + ": " + e.getMessage(), e);
        }
        List<BpffsEntry> out = new ArrayList<>(children.size());
        for (Path c : children) {
            out.add(entry(c));
        }
        return out;
    }

    /** Every entry below a directory, depth-first, sorted by path. */
    public List<BpffsEntry> walk(Path dir) throws BpffsException {
        List<BpffsEntry> out = new ArrayList<>();
        for (BpffsEntry e : list(dir)) {
            out.add(e);
            if (e.kind() == EntryKind.DIRECTORY) {
                out.addAll(walk(e.path()));
            }
        }
        return out;
    }

    /**
     * Pin paths are checked as text by {@link #resolve}; a symlink inside the root could still lead
     * outside it. The directory an operation writes in must really be below the root.
     */
    private void requireInsideRoot(String operation, Path dir) throws BpffsException {
        try {
            Path realRoot = root.toRealPath();
            if (!dir.toRealPath().startsWith(realRoot)) {
                throw new BpffsException(operation + ": " + dir + " leads outside the bpffs root " + root
                        + " (through a symlink)");
            }
        } catch (IOException e) {
            throw new BpffsException(operation + ": " + dir + ": " + IoReason.of(e), e);
        }
    }

    private static Path nearestExisting(Path p) {
        Path d = p;
        while (d != null && !Files.exists(d)) {
            d = d.getParent();
        }
        return d;
    }

}
