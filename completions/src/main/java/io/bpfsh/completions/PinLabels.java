package io.bpfsh.completions;

import io.bpfsh.engine.fs.EntryKind;
import io.bpfsh.engine.sys.BpfException;
import io.bpfsh.engine.sys.BpfLink;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.BpfObject;
import io.bpfsh.engine.sys.BpfProgram;
import io.bpfsh.engine.sys.KernelObjects;
import io.bpfsh.engine.sys.MapInfo;
import io.bpfsh.engine.sys.PinAccess;
import io.bpfsh.engine.sys.ProgInfo;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels of candidates ("map hash", "prog socket_filter", "link"), found by opening the object,
 * reading its info and closing it again, within a budget, and cached.
 *
 * <p>Opening costs a few syscalls per entry (13 to 60 µs here), so a directory of 10,000 pins
 * cannot be labelled within completion's 100 ms. Each completion therefore gets a {@link Budget}
 * (a number of opens and a time); entries beyond it are offered without a label. Labels are cached,
 * so the next TAB in the same directory labels further. A pin's label is cached by its path and
 * inode: a pin's inode refers to one object for its whole life, and a new pin at the same path gets
 * a new inode, so a cached label is never stale. Kernel ids are never reused while the object lives,
 * and completion only asks about ids the kernel just listed, so labels by id are cached too.
 */
final class PinLabels {

    /** What completion shows about an object: its kind and the text of the candidate's description. */
    record Label(EntryKind kind, String text) {
    }

    /** How much labelling one completion may do. */
    record Limits(int maxOpens, Duration time) {
        /** Leaves room in completion's 100 ms for listing the directory and for JLine itself. */
        static final Limits DEFAULT = new Limits(2_000, Duration.ofMillis(25));
    }

    /** What is left of the limits during one completion. */
    static final class Budget {
        private int opensLeft;
        private final long deadline;

        private Budget(Limits limits) {
            this.opensLeft = limits.maxOpens();
            this.deadline = System.nanoTime() + limits.time().toNanos();
        }

        /** Takes one open from the budget, or says that none is left. */
        boolean take() {
            if (opensLeft <= 0 || System.nanoTime() - deadline > 0) {
                opensLeft = 0;
                return false;
            }
            opensLeft--;
            return true;
        }
    }

    private static final int CACHE_SIZE = 32 * 1024;

    private record Cached(long inode, Label label) {
    }

    private final Limits limits;
    private final Map<String, Cached> cache = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    PinLabels(Limits limits) {
        this.limits = limits;
    }

    Budget budget() {
        return new Budget(limits);
    }

    /**
     * The label of the pin at an absolute path with the given inode (0: unknown, not cached); opens it
     * only when {@code budget} allows (null: from the cache only). Null when it is not known.
     */
    Label ofPin(String path, long inode, Budget budget) {
        if (inode != 0) {
            Cached c = cached(path);
            if (c != null && c.inode() == inode) {
                return c.label();
            }
        }
        if (budget == null || !budget.take()) {
            return null;
        }
        Label label = openPin(path);
        if (label != null && inode != 0) {
            remember(path, new Cached(inode, label));
        }
        return label;
    }

    /** The label of a live map by id ("map hash counters"), or null. */
    Label ofMapId(int id, Budget budget) {
        String key = "map id " + id;
        Cached c = cached(key);
        if (c != null) {
            return c.label();
        }
        if (budget == null || !budget.take()) {
            return null;
        }
        try (BpfMap m = KernelObjects.openMap(id, PinAccess.READ_ONLY)) {
            return rememberId(key, mapLabel(m.info(), true));
        } catch (BpfException | RuntimeException e) {
            return null; // gone meanwhile, or not ours to see
        }
    }

    /** The label of a live program by id ("prog xdp xdp_count"), or null. */
    Label ofProgId(int id, Budget budget) {
        String key = "prog id " + id;
        Cached c = cached(key);
        if (c != null) {
            return c.label();
        }
        if (budget == null || !budget.take()) {
            return null;
        }
        try (BpfProgram p = KernelObjects.openProgram(id)) {
            return rememberId(key, progLabel(p.info(), true));
        } catch (BpfException | RuntimeException e) {
            return null;
        }
    }

    /** The label of a live link by id ("link xdp"), or null. */
    Label ofLinkId(int id, Budget budget) {
        String key = "link id " + id;
        Cached c = cached(key);
        if (c != null) {
            return c.label();
        }
        if (budget == null || !budget.take()) {
            return null;
        }
        try (BpfLink l = KernelObjects.openLink(id)) {
            return rememberId(key, linkLabel(l.info()));
        } catch (BpfException | RuntimeException e) {
            return null;
        }
    }

    private static Label linkLabel(io.bpfsh.engine.sys.LinkInfo info) {
        return new Label(EntryKind.LINK, "link " + info.typeName() + " " + info.attachPoint());
    }

    private Label rememberId(String key, Label label) {
        remember(key, new Cached(0, label));
        return label;
    }

    /** Opens a pin as {@code Bpffs.entry} does: read-write, or read-only when only reading is allowed. */
    private static Label openPin(String path) {
        BpfObject o = open(path);
        if (o == null) {
            return null;
        }
        try (BpfObject opened = o) {
            if (opened instanceof BpfMap m) {
                return mapLabel(m.info(), false);
            } else if (opened instanceof BpfProgram p) {
                return progLabel(p.info(), false);
            } else if (opened instanceof BpfLink l) {
                return linkLabel(l.info());
            }
            return null;
        }
    }

    private static BpfObject open(String path) {
        try {
            return KernelObjects.openPinnedAsAllowed(path);
        } catch (BpfException | RuntimeException e) {
            return null; // not a BPF object (maps.debug), removed meanwhile, not readable, ...
        }
    }

    private static Label mapLabel(MapInfo info, boolean withName) {
        return new Label(EntryKind.MAP, "map " + info.typeName() + named(info.name(), withName));
    }

    private static Label progLabel(ProgInfo info, boolean withName) {
        return new Label(EntryKind.PROG, "prog " + info.typeName() + named(info.name(), withName));
    }

    private static String named(String name, boolean withName) {
        return withName && !name.isEmpty() ? " " + name : "";
    }

    private synchronized Cached cached(String key) {
        return cache.get(key);
    }

    private synchronized void remember(String key, Cached value) {
        cache.put(key, value);
    }
}
