package io.bpfsh.engine.fs;

import io.bpfsh.engine.ControlCharacters;
import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.sys.BpfException;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.BpfObject;
import io.bpfsh.engine.sys.BpfProgram;
import io.bpfsh.engine.sys.Errno;
import io.bpfsh.engine.sys.PinAccess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A bpffs root (default /sys/fs/bpf, or any directory on a bpffs, such as a test's own) and the
 * operations on pins under it. Every path is validated by {@link #resolve(String)} before a syscall.
 *
 * <p>The front: it holds the root, the one path validation and the one way to a pin's parent directory
 * ({@link #parentOrNull}, through {@link BpffsDirectory}: no symlink followed, no mount crossed), which the
 * classes behind it use for mounting ({@link BpffsMount}), parent directories ({@link ParentDirectories}),
 * removal ({@link PinRemoval}), replacement ({@link PinReplacement}) and listing ({@link BpffsListing}).
 */
public final class Bpffs {
    public static final Path DEFAULT_ROOT = Path.of("/sys/fs/bpf");
    /** bpffs refuses names longer than NAME_MAX and paths longer than PATH_MAX. */
    private static final int NAME_MAX = 255;
    private static final int PATH_MAX = 4095;

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
        return BpffsMount.isOnBpffs(path);
    }

    /** True when the root, or its nearest existing ancestor, is on a bpffs. */
    public boolean isMounted() {
        return new BpffsMount(root).isMounted();
    }

    /** Fails with a one-line error that says how to mount when the root is not on a bpffs. */
    public void requireMounted() throws BpffsException {
        new BpffsMount(root).requireMounted();
    }

    /** Mounts a new bpffs at the root when none is there; see {@link BpffsMount#mount}. */
    public boolean mount() throws BpffsException {
        return new BpffsMount(root).mount();
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
    static List<String> names(PinPath pin) {
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
    BpffsDirectory parentOrNull(PinPath pin) throws BpffsException {
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

    BpffsDirectory parent(String operation, PinPath pin) throws BpffsException {
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

    /** Opens whatever is pinned at the path (map, prog or link); a symlink there is refused, not followed. */
    public BpfObject open(PinPath path, PinAccess access) throws EngineException {
        return new PinOpener(this).open(path, access);
    }

    /** Opens whatever is pinned at the path, read-write or, when only reading is allowed, read-only. */
    public BpfObject openAsAllowed(PinPath path) throws EngineException {
        return new PinOpener(this).openAsAllowed(path);
    }

    public BpfMap openMap(PinPath path, PinAccess access) throws EngineException {
        return new PinOpener(this).openMap(path, access);
    }

    public BpfProgram openProgram(PinPath path) throws EngineException {
        return new PinOpener(this).openProgram(path);
    }

    /** Creates the missing directories up to the pin's parent; see {@link ParentDirectories#createParents}. */
    public List<Path> createParents(PinPath pin) throws EngineException {
        return new ParentDirectories(this).createParents(pin);
    }

    /** Removes, deepest first, those of the given directories that are empty; others stay. */
    public void removeEmptyDirectories(List<Path> directories) {
        new ParentDirectories(this).removeEmptyDirectories(directories);
    }

    /** Pins the object over what may be at the target in one step; see {@link PinReplacement#replacePin}. */
    public void replacePin(BpfObject object, PinPath target) throws EngineException {
        new PinReplacement(this).replacePin(object, target);
    }

    /** Pins the object at a fresh name in the target's directory, for {@link #renameOver} to move later. */
    public PinPath pinBeside(BpfObject object, PinPath target) throws EngineException {
        return new PinReplacement(this).pinBeside(object, target);
    }

    /** Renames a pin over another of the same directory in one step; see {@link PinReplacement#renameOver}. */
    public void renameOver(PinPath from, PinPath to) throws BpffsException {
        new PinReplacement(this).renameOver(from, to);
    }

    /** Removes a pin this process made, best effort (undoing a replacement that did not happen). */
    public void removeQuietly(PinPath pin) {
        new PinReplacement(this).removeQuietly(pin);
    }

    /** Removes one pin (a map, prog or link file). Directories need {@link #unpinRecursive}. */
    public void unpin(PinPath path) throws BpffsException {
        new PinRemoval(this).unpin(path);
    }

    /** Removes a pin after checking that it is one; false when nothing was there. See {@link PinRemoval}. */
    public boolean removePin(PinPath path) throws BpffsException {
        return new PinRemoval(this).removePin(path);
    }

    /** Removes a pin or a directory tree; returns what it removed. See {@link PinRemoval#unpinRecursive}. */
    public List<Path> unpinRecursive(PinPath path) throws BpffsException {
        return new PinRemoval(this).unpinRecursive(path);
    }

    /** The kind and info of one entry; a pin that cannot be opened is UNKNOWN with the reason. */
    public BpffsEntry entry(Path p) {
        return new BpffsListing(this).entry(p);
    }

    /** The entries of a directory, sorted by name, with kinds and infos; see {@link BpffsListing#list}. */
    public List<BpffsEntry> list(Path dir) throws BpffsException {
        return new BpffsListing(this).list(dir);
    }

    /** Every entry below a directory, depth-first, sorted by path; symlinks and mounts are listed, not entered. */
    public List<BpffsEntry> walk(Path dir) throws BpffsException {
        return new BpffsListing(this).walk(dir);
    }
}
