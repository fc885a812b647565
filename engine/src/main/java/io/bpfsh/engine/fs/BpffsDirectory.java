package io.bpfsh.engine.fs;

import io.bpfsh.engine.sys.Errno;
import io.bpfsh.engine.sys.Fd;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A directory at or below the bpffs root, held by an O_PATH FD. Every operation below the root goes
 * through one of these, one name at a time, relative to the FD: a child directory is opened with
 * openat2(RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_XDEV), or on kernels before 5.6 with
 * openat(O_NOFOLLOW) and a mount check, so a path is checked and used on the same object: another user
 * swapping a directory for a symlink, or mounting something below the root, makes the operation fail
 * instead of act elsewhere. The path is kept for messages only.
 */
final class BpffsDirectory implements AutoCloseable {
    private static final int DIRECTORY_FLAGS = FsCalls.O_PATH | FsCalls.O_DIRECTORY | FsCalls.O_CLOEXEC;
    private static final long RESOLVE = FsCalls.RESOLVE_BENEATH | FsCalls.RESOLVE_NO_SYMLINKS
            | FsCalls.RESOLVE_NO_XDEV | FsCalls.RESOLVE_NO_MAGICLINKS;
    private static final int AT_EMPTY_PATH = 0x1000;
    /** false once openat2 answered ENOSYS (kernels before 5.6; some seccomp profiles) */
    private static volatile boolean openat2 = true;

    private final Fd fd;
    private final Path path;

    private BpffsDirectory(Fd fd, Path path) {
        this.fd = fd;
        this.path = path;
    }

    /** The root itself; symlinks in the root's own path are followed: whoever chose the root meant them. */
    static BpffsDirectory openRoot(Path root) throws BpffsException {
        BpffsDirectory d = openRootOrNull(root);
        if (d == null) {
            throw new BpffsException(root + ": " + reason(Errno.ENOENT.number()));
        }
        return d;
    }

    /** As {@link #openRoot}, or null when the root does not exist (yet). */
    static BpffsDirectory openRootOrNull(Path root) throws BpffsException {
        int r = FsCalls.openAt(FsCalls.AT_FDCWD, root.toString(), DIRECTORY_FLAGS);
        if (r == -Errno.ENOENT.number()) {
            return null;
        }
        if (r < 0) {
            throw new BpffsException(root + ": " + reason(-r));
        }
        return new BpffsDirectory(Fd.adopt(r), root);
    }

    Path path() {
        return path;
    }

    Fd fd() {
        return fd;
    }

    /** Forces the per-component fallback, as on a kernel without openat2 (for tests). */
    static void useOpenat2(boolean use) {
        openat2 = use;
    }

    /** The child directory, or null when there is no such name; a symlink, a mount or a file there is an error. */
    BpffsDirectory childOrNull(String name) throws BpffsException {
        int r = openChild(name, DIRECTORY_FLAGS);
        if (r == -Errno.ENOENT.number()) {
            return null;
        }
        if (r < 0) {
            throw new BpffsException(path.resolve(name) + refusal(name, -r));
        }
        return new BpffsDirectory(Fd.adopt(r), path.resolve(name));
    }

    BpffsDirectory child(String name) throws BpffsException {
        BpffsDirectory d = childOrNull(name);
        if (d == null) {
            throw new BpffsException(path.resolve(name) + ": " + reason(Errno.ENOENT.number()));
        }
        return d;
    }

    /** An O_PATH FD of the entry itself (a pin), not following a symlink there nor crossing a mount; or -errno. */
    int openEntry(String name) {
        int r = openChild(name, FsCalls.O_PATH | FsCalls.O_NOFOLLOW | FsCalls.O_CLOEXEC);
        // O_PATH | O_NOFOLLOW on a symlink gives the symlink itself: what the FD holds decides
        if (r >= 0 && FsCalls.statAt(r, "", AT_EMPTY_PATH).type() == FsCalls.S_IFLNK) {
            FsCalls.close(r);
            return -Errno.ELOOP.number();
        }
        return r;
    }

    private int openChild(String name, int flags) {
        if (openat2) {
            int r = FsCalls.openat2(fd.get(), name, flags, RESOLVE);
            if (r != -Errno.ENOSYS.number()) {
                return r;
            }
            openat2 = false;
        }
        int r = FsCalls.openAt(fd.get(), name, flags | FsCalls.O_NOFOLLOW);
        if (r < 0) {
            return r;
        }
        // O_NOFOLLOW guards the name; a mount on it shows as a mount root or as another device
        FsCalls.Stat child = FsCalls.statAt(r, "", AT_EMPTY_PATH);
        FsCalls.Stat self = FsCalls.statAt(fd.get(), "", AT_EMPTY_PATH);
        int type = child.type();
        if ((flags & FsCalls.O_DIRECTORY) == 0 && type == FsCalls.S_IFLNK) {
            FsCalls.close(r);
            return -Errno.ELOOP.number();
        }
        if (child.errno() != 0 || child.mountRoot() || child.devMajor() != self.devMajor()
                || child.devMinor() != self.devMinor()) {
            FsCalls.close(r);
            return -(child.errno() != 0 ? child.errno() : Errno.EXDEV.number());
        }
        return r;
    }

    /** What is at the name, without following it. */
    FsCalls.Stat stat(String name) {
        return FsCalls.statAt(fd.get(), name, 0);
    }

    String readLink(String name) {
        return FsCalls.readLinkAt(fd.get(), name);
    }

    /** 0 or -errno. */
    int mkdir(String name) {
        return FsCalls.mkdirAt(fd.get(), name, 0700);
    }

    /** Removes a name of this directory (never following it); 0 or -errno. */
    int unlink(String name) {
        return FsCalls.unlinkAt(fd.get(), name, 0);
    }

    /** Removes an empty subdirectory; 0 or -errno. */
    int rmdir(String name) {
        return FsCalls.unlinkAt(fd.get(), name, FsCalls.AT_REMOVEDIR);
    }

    /** Renames a name of this directory over another of it in one step (renameat); 0 or -errno. */
    int rename(String from, String to) {
        return FsCalls.renameAt(fd.get(), from, to);
    }

    /** The names in the directory, sorted, read through /proc/self/fd so that it is this very directory. */
    List<String> names() throws BpffsException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(Path.of("/proc/self/fd/" + fd.get()))) {
            for (Path p : s) {
                names.add(p.getFileName().toString());
            }
        } catch (IOException | UncheckedIOException e) {
            IOException io = e instanceof IOException x ? x : ((UncheckedIOException) e).getCause();
            throw new BpffsException(path + ": " + (io instanceof java.nio.file.AccessDeniedException
                    ? reason(Errno.EACCES.number()) : IoReason.of(io)), io);
        }
        names.sort(null);
        return names;
    }

    /** Why the name cannot be used as asked, to follow its path: " is a symlink (to /tmp/x); ...", ": reason". */
    String refusal(String name, int errno) {
        if (errno == Errno.ELOOP.number() || errno == Errno.ENOTDIR.number()) {
            FsCalls.Stat s = stat(name);
            if (s.errno() == 0 && s.type() == FsCalls.S_IFLNK) {
                String target = readLink(name);
                return " is a symlink" + (target == null ? "" : " (to " + target + ")")
                        + "; bpfsh follows no symlinks below the bpffs root";
            }
            if (errno == Errno.ENOTDIR.number()) {
                return " is not a directory";
            }
        }
        if (errno == Errno.EXDEV.number()) {
            return " is a mount point; bpfsh crosses no mounts below the bpffs root";
        }
        return ": " + reason(errno);
    }

    static String reason(int errno) {
        return Errno.describe(errno) + (errno == Errno.EACCES.number() || errno == Errno.EPERM.number()
                ? " (run as root, or as a user the permissions admit)" : "");
    }

    @Override
    public void close() {
        fd.close();
    }
}
