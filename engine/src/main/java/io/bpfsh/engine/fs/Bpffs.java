package io.bpfsh.engine.fs;

import io.bpfsh.engine.ControlCharacters;
import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.sys.BpfException;
import io.bpfsh.engine.sys.BpfLink;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.BpfObject;
import io.bpfsh.engine.sys.BpfProgram;
import io.bpfsh.engine.sys.Errno;
import io.bpfsh.engine.sys.KernelObjects;
import io.bpfsh.engine.sys.LinkInfo;
import io.bpfsh.engine.sys.LinkType;
import io.bpfsh.engine.sys.PinAccess;
import io.bpfsh.engine.sys.WrongObjectKindException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
        return resolve(path, false);
    }

    /**
     * Like {@link #resolve}, but for an entry to open, not to create: names with a '.' are allowed,
     * since the kernel makes some itself ({@code maps.debug}, {@code progs.debug}) and reading any
     * existing entry is fine; the dot rule is for pins bpfsh makes.
     */
    public PinPath resolveExisting(String path) throws PinPathException {
        return resolve(path, true);
    }

    private PinPath resolve(String path, boolean dotsAllowed) throws PinPathException {
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
            if (!dotsAllowed && s.indexOf('.') >= 0) {
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
     * Names bpfsh creates hold no control characters: they would drive the terminal of whoever lists
     * them. Existing pins with such names can still be opened and removed.
     */
    public static void requireCreatable(PinPath pin) throws PinPathException {
        for (Path name : pin.root().relativize(pin.path())) {
            int c = ControlCharacters.first(name.toString());
            if (c >= 0) {
                throw new PinPathException("pin path " + pin + ": name '" + name + "' contains the control character "
                        + ControlCharacters.escape(String.valueOf((char) c)) + "; bpfsh does not create such names");
            }
        }
    }

    /** The names from the root down to the pin (the pin's own name last). */
    private static List<String> names(PinPath pin) {
        List<String> names = new ArrayList<>();
        for (Path n : pin.root().relativize(pin.path())) {
            names.add(n.toString());
        }
        return names;
    }

    /**
     * The directory that holds the pin, opened name by name from the root (see {@link BpffsDirectory}):
     * no symlink is followed and no mount crossed on the way, whatever other users do meanwhile.
     *
     * @return null when a directory on the way does not exist
     */
    private BpffsDirectory parentOrNull(PinPath pin) throws BpffsException {
        List<String> names = names(pin);
        BpffsDirectory d = BpffsDirectory.openRootOrNull(root);
        if (d == null) {
            return null; // the root is made on first use
        }
        try {
            for (String n : names.subList(0, names.size() - 1)) {
                BpffsDirectory c = d.childOrNull(n);
                d.close();
                d = c;
                if (d == null) {
                    return null;
                }
            }
            return d;
        } catch (BpffsException | RuntimeException e) {
            if (d != null) {
                d.close();
            }
            throw e;
        }
    }

    private BpffsDirectory parent(String operation, PinPath pin) throws BpffsException {
        try {
            BpffsDirectory d = parentOrNull(pin);
            if (d == null) {
                throw new BpffsException(operation + " " + pin + ": directory " + pin.path().getParent()
                        + " does not exist");
            }
            return d;
        } catch (BpffsException e) {
            throw e.getMessage().startsWith(operation + " ") ? e : new BpffsException(operation + " " + pin + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Whether anything (a pin, a directory, a symlink) is at the path, looked up without following symlinks;
     * false too when something on the way is not a directory one can enter (creating the path says why).
     */
    public boolean exists(PinPath pin) {
        try (BpffsDirectory d = parentOrNull(pin)) {
            return d != null && d.stat(pin.name()).errno() == 0;
        } catch (BpffsException e) {
            return false;
        }
    }

    /** Whether the path is a directory (not a symlink to one), looked up as {@link #exists} does. */
    public boolean isDirectory(PinPath pin) {
        try (BpffsDirectory d = parentOrNull(pin)) {
            return d != null && d.stat(pin.name()).errno() == 0 && d.stat(pin.name()).type() == FsCalls.S_IFDIR;
        } catch (BpffsException e) {
            return false;
        }
    }

    /**
     * Creates the missing directories between the root and the pin's parent, top-down, mode 0700 (as gobpf
     * and iproute2 do), each with mkdirat in its parent's FD. Returns the directories it created, so that a
     * failed load can remove them. The root itself is created when missing (not recorded: it is where the
     * session works, not something a load made).
     */
    public List<Path> createParents(PinPath pin) throws EngineException {
        requireCreatable(pin);
        requireMounted();
        createRoot("pin " + pin);
        List<String> names = names(pin);
        List<Path> created = new ArrayList<>();
        BpffsDirectory d = BpffsDirectory.openRoot(root);
        try {
            for (String n : names.subList(0, names.size() - 1)) {
                BpffsDirectory c = d.childOrNull(n);
                if (c == null) {
                    int r = d.mkdir(n);
                    if (r == 0) {
                        created.add(d.path().resolve(n));
                    } else if (r != -Errno.EEXIST.number()) { // EEXIST: another loader made it meanwhile
                        throw new BpffsException("create directory " + d.path().resolve(n) + ": "
                                + BpffsDirectory.reason(-r));
                    }
                    c = d.child(n);
                }
                d.close();
                d = c;
            }
            return created;
        } catch (BpffsException e) {
            removeEmptyDirectories(created);
            throw e.getMessage().startsWith("create directory") ? e : new BpffsException("pin " + pin + ": "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            removeEmptyDirectories(created);
            throw e;
        } finally {
            d.close();
        }
    }

    /** The root is where the session works: made on first use, on an existing bpffs only (see requireMounted). */
    private void createRoot(String operation) throws BpffsException {
        if (Files.isDirectory(root)) {
            return;
        }
        try {
            Files.createDirectories(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new BpffsException(operation + ": create directory " + root + ": " + IoReason.of(e), e);
        }
    }

    /** Removes, deepest first, those of the given directories that are empty; others stay. */
    public void removeEmptyDirectories(List<Path> directories) {
        List<Path> order = new ArrayList<>(directories);
        order.sort((a, b) -> Integer.compare(b.getNameCount(), a.getNameCount()));
        for (Path d : order) {
            // best effort, through the parent's FD: a directory that holds pins, or was swapped for
            // something else, is left
            try (BpffsDirectory parent = parentOrNull(new PinPath(d, root))) {
                if (parent != null) {
                    parent.rmdir(d.getFileName().toString());
                }
            } catch (BpffsException e) {
                // left
            }
        }
    }

    /** Pins an object at a validated path, in its parent directory's FD; the parent must exist. */
    public void pin(BpfObject object, PinPath path) throws EngineException {
        requireCreatable(path);
        requireMounted();
        try (BpffsDirectory parent = parent("pin", path)) {
            object.pinAt(parent.fd(), path.name(), path.toString());
        }
    }

    /** Pins an object, creating the missing parent directories; on failure removes those it created. */
    public List<Path> pinCreatingParents(BpfObject object, PinPath path) throws EngineException {
        if (exists(path)) {
            // fail before creating anything: the kernel would say EEXIST, but only after mkdir
            throw new BpfException(io.bpfsh.engine.sys.BpfCommand.OBJ_PIN, Errno.EEXIST.number(), path.toString());
        }
        List<Path> created = createParents(path);
        try {
            pin(object, path);
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
        requireMounted();
        try (BpffsDirectory parent = parent("replace", target)) { // says why when the directory cannot be used
            if (parent.stat(target.name()).errno() == 0 && parent.stat(target.name()).type() == FsCalls.S_IFDIR) {
                throw new BpffsException("replace " + target + ": is a directory, not a pinned object");
            }
        }
        String base = target.name().length() > 200 ? target.name().substring(0, 200) : target.name();
        for (int attempt = 0; ; attempt++) {
            PinPath temporary = new PinPath(target.path().resolveSibling(base + "_bpfsh_new_"
                    + ProcessHandle.current().pid() + "_" + TEMPORARY_NAMES.incrementAndGet()), root);
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
     * Renames a pin over another of the same directory in one step (bpffs supports rename), with
     * renameat in the directory's FD opened name by name as every operation here. What is at the target
     * must be a pin or nothing: a symlink, a mount point or a directory there is refused, not replaced.
     */
    public void renameOver(PinPath from, PinPath to) throws BpffsException {
        if (!to.path().getParent().equals(from.path().getParent())) {
            throw new IllegalArgumentException(from + " and " + to + " are in different directories");
        }
        requireMounted();
        try (BpffsDirectory parent = parent("replace", to)) {
            FsCalls.Stat s = parent.stat(to.name());
            if (s.errno() != Errno.ENOENT.number()) {
                String refused = refuseRemoval(parent, to.name(), s);
                if (refused == null && s.type() == FsCalls.S_IFDIR) {
                    refused = ": is a directory, not a pinned object";
                }
                if (refused != null) {
                    throw new BpffsException("replace " + to + refused.replace("removes no symlinks", "replaces no symlinks"));
                }
            }
            int r = parent.rename(from.name(), to.name());
            if (r != 0) {
                throw new BpffsException("replace " + to + ": rename from " + from.name() + ": "
                        + BpffsDirectory.reason(-r));
            }
        }
    }

    /** Removes a pin this process made, best effort (undoing a replacement that did not happen). */
    public void removeQuietly(PinPath pin) {
        try {
            removePin(pin);
        } catch (BpffsException e) {
            // nothing more can be done; the caller reports the failure that led here
        }
    }

    /** Opens whatever is pinned at the path (map, prog or link); a symlink there is refused, not followed. */
    public BpfObject open(PinPath path, PinAccess access) throws EngineException {
        try (io.bpfsh.engine.sys.Fd pin = openPin("get", path)) {
            return KernelObjects.openPinned(pin, path.toString(), access);
        }
    }

    /** Opens whatever is pinned at the path, read-write or, when only reading is allowed, read-only. */
    public BpfObject openAsAllowed(PinPath path) throws EngineException {
        try (io.bpfsh.engine.sys.Fd pin = openPin("get", path)) {
            return KernelObjects.openPinnedAsAllowed(pin, path.toString());
        }
    }

    public BpfMap openMap(PinPath path, PinAccess access) throws EngineException {
        try (io.bpfsh.engine.sys.Fd pin = openPin("get", path)) {
            return KernelObjects.openPinnedMap(pin, path.toString(), access);
        }
    }

    public BpfProgram openProgram(PinPath path) throws EngineException {
        try (io.bpfsh.engine.sys.Fd pin = openPin("get", path)) {
            return KernelObjects.openPinnedProgram(pin, path.toString());
        }
    }

    /** An O_PATH FD of the pin itself; ENOENT is a BpfException as BPF_OBJ_GET gives it, for callers that retry. */
    private io.bpfsh.engine.sys.Fd openPin(String operation, PinPath path) throws EngineException {
        requireMounted();
        try (BpffsDirectory parent = parentOrNull(path)) {
            if (parent == null) {
                throw new BpfException(io.bpfsh.engine.sys.BpfCommand.OBJ_GET, Errno.ENOENT.number(), path.toString());
            }
            FsCalls.Stat s = parent.stat(path.name());
            if (s.errno() == 0 && s.type() == FsCalls.S_IFDIR) {
                // the kernel answers EACCES for a directory; say what it is instead
                throw new BpffsException(operation + " " + path + ": is a directory, not a pinned object");
            }
            int fd = parent.openEntry(path.name());
            if (fd == -Errno.ENOENT.number()) {
                throw new BpfException(io.bpfsh.engine.sys.BpfCommand.OBJ_GET, Errno.ENOENT.number(), path.toString());
            }
            if (fd < 0) {
                throw new BpffsException(operation + " " + path + parent.refusal(path.name(), -fd));
            }
            return io.bpfsh.engine.sys.Fd.adopt(fd);
        } catch (BpffsException e) {
            throw e.getMessage().startsWith(operation + " ") ? e
                    : new BpffsException(operation + " " + path + ": " + e.getMessage(), e);
        }
    }

    /** Removes one pin (a map, prog or link file). Directories need {@link #unpinRecursive}. */
    public void unpin(PinPath path) throws BpffsException {
        if (!removePin(path)) {
            throw new BpffsException("unpin " + path + ": " + Errno.describe(Errno.ENOENT.number()));
        }
    }

    /**
     * Removes a pin, with unlinkat in its parent's FD, after checking that it is one: a directory, a
     * symlink or a mount point is refused. False when nothing was there.
     */
    public boolean removePin(PinPath path) throws BpffsException {
        requireMounted();
        try (BpffsDirectory parent = parent("unpin", path)) {
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
    private static String refuseRemoval(BpffsDirectory dir, String name, FsCalls.Stat s) {
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
    public List<Path> unpinRecursive(PinPath path) throws BpffsException {
        requireMounted();
        List<Path> removed = new ArrayList<>();
        try (BpffsDirectory parent = parent("unpin", path)) {
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

    /** The kind and info of one entry; a pin that cannot be opened is UNKNOWN with the reason. */
    public BpffsEntry entry(Path p) {
        PinPath pin = new PinPath(p, root);
        try (BpffsDirectory parent = parentOrNull(pin)) {
            if (parent == null) {
                return BpffsEntry.of(p, EntryKind.UNKNOWN, null, null, null, Errno.describe(Errno.ENOENT.number()));
            }
            return entry(parent, p.getFileName().toString());
        } catch (BpffsException e) {
            return BpffsEntry.of(p, EntryKind.UNKNOWN, null, null, null, e.getMessage());
        }
    }

    private BpffsEntry entry(BpffsDirectory dir, String name) {
        Path p = dir.path().resolve(name);
        FsCalls.Stat s = dir.stat(name);
        if (s.errno() != 0) {
            return BpffsEntry.of(p, EntryKind.UNKNOWN, null, null, null, BpffsDirectory.reason(s.errno()));
        }
        if (s.type() == FsCalls.S_IFLNK) {
            return BpffsEntry.symlink(p, dir.readLink(name));
        }
        if (s.mountRoot()) {
            return BpffsEntry.of(p, EntryKind.MOUNT, null, null, null, null);
        }
        if (s.type() == FsCalls.S_IFDIR) {
            return BpffsEntry.of(p, EntryKind.DIRECTORY, null, null, null, null);
        }
        int fd = dir.openEntry(name);
        if (fd < 0) {
            return BpffsEntry.of(p, EntryKind.UNKNOWN, null, null, null, BpffsDirectory.reason(-fd));
        }
        BpfObject o;
        try (io.bpfsh.engine.sys.Fd pin = io.bpfsh.engine.sys.Fd.adopt(fd)) {
            o = KernelObjects.openPinnedAsAllowed(pin, p.toString());
        } catch (BpfException e) {
            return preloadedIterator(p, e).orElse(BpffsEntry.of(p, EntryKind.UNKNOWN, null, null, null, e.getMessage()));
        }
        try (BpfObject opened = o) {
            if (opened instanceof BpfMap m) {
                return BpffsEntry.of(p, EntryKind.MAP, m.info(), null, null, null);
            } else if (opened instanceof BpfProgram prog) {
                return BpffsEntry.of(p, EntryKind.PROG, null, prog.info(), null, null);
            } else {
                return BpffsEntry.of(p, EntryKind.LINK, null, null, ((BpfLink) opened).info(), null);
            }
        }
    }

    /**
     * maps.debug and progs.debug, which the kernel creates in every bpffs it mounts (bpf_preload,
     * kernel/bpf/inode.c): iterator links that dump the kernel's maps and programs when read, and that
     * BPF_OBJ_GET cannot open. Shown as the links they are, with why they cannot be opened.
     */
    private static Optional<BpffsEntry> preloadedIterator(Path p, BpfException e) {
        String name = p.getFileName() == null ? "" : p.getFileName().toString();
        String target = name.equals("maps.debug") ? "bpf_map" : name.equals("progs.debug") ? "bpf_prog" : null;
        if (target == null || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        LinkInfo iter = new LinkInfo(LinkType.ITER.number(), 0, 0, 0, 0, 0, 0, 0, target, 0);
        return Optional.of(BpffsEntry.of(p, EntryKind.LINK, null, null, iter,
                "the kernel's preloaded " + target + " iterator (bpf_preload); " + e.getMessage()));
    }

    /**
     * The entries of a directory, sorted by name, with their kinds and infos. A symlink is an entry of kind
     * SYMLINK with its target, never followed (listing one shows the symlink itself); a mount below the
     * root is an entry of kind MOUNT, never entered.
     */
    public List<BpffsEntry> list(Path dir) throws BpffsException {
        requireMounted();
        if (dir.equals(root) && Files.notExists(root)) {
            return List.of(); // created on first pin: nothing in it yet (a root one cannot look at is an error below)
        }
        BpffsDirectory d;
        if (dir.equals(root)) {
            try {
                d = BpffsDirectory.openRoot(root);
            } catch (BpffsException e) {
                throw new BpffsException("ls " + e.getMessage(), e);
            }
        } else {
            PinPath pin = new PinPath(dir, root);
            BpffsDirectory parent;
            try {
                parent = parentOrNull(pin);
            } catch (BpffsException e) {
                throw new BpffsException("ls " + dir + ": " + e.getMessage(), e);
            }
            if (parent == null) {
                throw new BpffsException("ls " + dir + ": " + Errno.describe(Errno.ENOENT.number()));
            }
            try (parent) {
                FsCalls.Stat s = parent.stat(pin.name());
                if (s.errno() == Errno.ENOENT.number()) {
                    throw new BpffsException("ls " + dir + ": " + Errno.describe(Errno.ENOENT.number()));
                }
                if (s.errno() == 0 && s.type() != FsCalls.S_IFDIR && !s.mountRoot()) {
                    return List.of(entry(parent, pin.name()));
                }
                d = parent.childOrNull(pin.name());
                if (d == null) {
                    throw new BpffsException("ls " + dir + ": " + Errno.describe(Errno.ENOENT.number()));
                }
            } catch (BpffsException e) {
                throw e.getMessage().startsWith("ls ") ? e : new BpffsException("ls " + dir + ": " + e.getMessage(), e);
            }
        }
        try (d) {
            List<BpffsEntry> out = new ArrayList<>();
            List<String> names;
            try {
                names = d.names();
            } catch (BpffsException e) {
                throw new BpffsException("ls " + e.getMessage(), e);
            }
            for (String n : names) {
                out.add(entry(d, n));
            }
            return out;
        }
    }

    /** Every entry below a directory, depth-first, sorted by path; symlinks and mounts are listed, not entered. */
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

    private static Path nearestExisting(Path p) {
        Path d = p;
        while (d != null && !Files.exists(d)) {
            d = d.getParent();
        }
        return d;
    }

}
