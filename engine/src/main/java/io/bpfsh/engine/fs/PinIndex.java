package io.bpfsh.engine.fs;

import io.bpfsh.engine.sys.ObjectKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Which pins under a bpffs root hold which kernel objects, by kind and id: what a kernel-wide listing
 * shows next to each object. The walk follows no symlink and stays on the root's file system (a
 * bpffs mounted below the root is another instance, with objects bpfsh did not mean to look at).
 */
public final class PinIndex {
    /** Bounds the walk on a hostile or huge tree; a listing says so when it stops. */
    public static final int MAX_ENTRIES = 100_000;

    private record Key(ObjectKind kind, int id) {
    }

    private final Map<Key, List<Path>> pins;
    private final boolean truncated;

    private PinIndex(Map<Key, List<Path>> pins, boolean truncated) {
        this.pins = pins;
        this.truncated = truncated;
    }

    /** Scans the root (an empty index when it is not mounted or does not exist yet). */
    public static PinIndex scan(Bpffs bpffs) {
        Map<Key, List<Path>> pins = new HashMap<>();
        Path root = bpffs.root();
        if (!bpffs.isMounted() || !Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return new PinIndex(pins, false);
        }
        Object device = deviceOf(root);
        int[] budget = {MAX_ENTRIES};
        walk(bpffs, root, device, pins, budget);
        return new PinIndex(pins, budget[0] <= 0);
    }

    private static void walk(Bpffs bpffs, Path dir, Object device, Map<Key, List<Path>> pins, int[] budget) {
        List<Path> children;
        try (Stream<Path> s = Files.list(dir)) {
            children = s.sorted().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            return; // removed or unreadable meanwhile: nothing of it to show
        }
        for (Path c : children) {
            if (--budget[0] <= 0) {
                return;
            }
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(c, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                continue;
            }
            if (a.isSymbolicLink() || !device.equals(deviceOf(c))) {
                continue;
            }
            if (a.isDirectory()) {
                walk(bpffs, c, device, pins, budget);
                continue;
            }
            BpffsEntry e = bpffs.entry(c);
            if (e.id() != 0) {
                pins.computeIfAbsent(new Key(kindOf(e.kind()), e.id()), k -> new ArrayList<>()).add(c);
            }
        }
    }

    private static ObjectKind kindOf(EntryKind k) {
        return switch (k) {
            case MAP -> ObjectKind.MAP;
            case PROG -> ObjectKind.PROG;
            case LINK -> ObjectKind.LINK;
            default -> ObjectKind.UNKNOWN;
        };
    }

    private static Object deviceOf(Path p) {
        try {
            return Files.getAttribute(p, "unix:dev", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "unknown device of " + p;
        }
    }

    /** The pins of an object, sorted; empty when none under the root holds it. */
    public List<Path> pinsOf(ObjectKind kind, int id) {
        return pins.getOrDefault(new Key(kind, id), List.of());
    }

    /** Whether the walk stopped at {@link #MAX_ENTRIES} entries before seeing the whole tree. */
    public boolean truncated() {
        return truncated;
    }
}
