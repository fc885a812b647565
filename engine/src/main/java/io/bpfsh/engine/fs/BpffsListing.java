package io.bpfsh.engine.fs;

import io.bpfsh.engine.sys.BpfException;
import io.bpfsh.engine.sys.BpfLink;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.BpfObject;
import io.bpfsh.engine.sys.BpfProgram;
import io.bpfsh.engine.sys.Errno;
import io.bpfsh.engine.sys.KernelObjects;
import io.bpfsh.engine.sys.LinkInfo;
import io.bpfsh.engine.sys.LinkType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.nio.file.LinkOption;

/** Listing a bpffs directory: each entry with its kind (map, prog, link, directory, symlink, mount) and info. */
final class BpffsListing {
    private final Bpffs bpffs;

    BpffsListing(Bpffs bpffs) {
        this.bpffs = bpffs;
    }

    /** The kind and info of one entry; a pin that cannot be opened is UNKNOWN with the reason. */
    BpffsEntry entry(Path p) {
        PinPath pin = new PinPath(p, bpffs.root());
        try (BpffsDirectory parent = bpffs.parentOrNull(pin)) {
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
     * bpffs.root() is an entry of kind MOUNT, never entered.
     */
    List<BpffsEntry> list(Path dir) throws BpffsException {
        bpffs.requireMounted();
        if (dir.equals(bpffs.root()) && Files.notExists(bpffs.root())) {
            return List.of(); // created on first pin: nothing in it yet (a bpffs.root() one cannot look at is an error below)
        }
        BpffsDirectory d;
        if (dir.equals(bpffs.root())) {
            try {
                d = BpffsDirectory.openRoot(bpffs.root());
            } catch (BpffsException e) {
                throw new BpffsException("ls " + e.getMessage(), e);
            }
        } else {
            PinPath pin = new PinPath(dir, bpffs.root());
            BpffsDirectory parent;
            try {
                parent = bpffs.parentOrNull(pin);
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
    List<BpffsEntry> walk(Path dir) throws BpffsException {
        List<BpffsEntry> out = new ArrayList<>();
        for (BpffsEntry e : list(dir)) {
            out.add(e);
            if (e.kind() == EntryKind.DIRECTORY) {
                out.addAll(walk(e.path()));
            }
        }
        return out;
    }
}
