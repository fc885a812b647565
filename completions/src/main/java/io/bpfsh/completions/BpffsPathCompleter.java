package io.bpfsh.completions;

import io.bpfsh.engine.fs.Bpffs;
import io.bpfsh.engine.fs.DirectoryListing;
import io.bpfsh.engine.fs.EntryKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jline.reader.Candidate;

/**
 * Completes bpffs paths: the entries of the directory being typed. A relative path resolves under the
 * bpffs root, an absolute one as typed. Directories end with '/' and take no space after them, so the
 * next TAB goes on into them; pins carry their kind (and map or program type) as the description.
 *
 * <p>Only what a command accepts is offered: entries inside the bpffs root, and outside it (while
 * typing an absolute path such as /sys/f) only the directories on the way to the root, never a
 * sibling of the root that the command would refuse.
 */
final class BpffsPathCompleter {

    /** Which pins to offer; directories are always offered, to walk through. */
    enum Filter {
        ANY(null),
        /** maps, and the pins whose kind is not known (not labelled, or could not be opened) */
        MAPS(EntryKind.MAP),
        /** programs, and pins of unknown kind */
        PROGS(EntryKind.PROG),
        /** links, and pins of unknown kind */
        LINKS(EntryKind.LINK);

        private final EntryKind kind;

        Filter(EntryKind kind) {
            this.kind = kind;
        }

        /** Whether a pin of this label is offered: unknown kinds always are. */
        boolean accepts(PinLabels.Label label) {
            return kind == null || label == null || label.kind() == kind;
        }
    }

    private final Supplier<Path> root;
    private final PinLabels labels;

    BpffsPathCompleter(Supplier<Path> root, PinLabels labels) {
        this.root = root;
        this.labels = labels;
    }

    /**
     * Adds the candidates for {@code typed}; each candidate's value starts with {@code valuePrefix}
     * (an option or section prefix of the same word, e.g. "maps/counter=").
     */
    void complete(String valuePrefix, String typed, Filter filter, PinLabels.Budget budget, List<Candidate> out) {
        TypedPath path = TypedPath.of(typed, root);
        List<DirectoryListing.Entry> entries = path == null ? null : path.entries();
        if (entries == null) {
            return; // no such directory, or no permission to read it: nothing to offer
        }
        String dirPart = path.dirPart();
        String namePrefix = path.namePrefix();
        Path dir = path.dir();
        boolean onBpffs = Bpffs.isOnBpffs(dir);
        String dirString = dir.toString();
        String base = dirString.endsWith("/") ? dirString : dirString + "/";
        // Label the entries that match what is typed first (in name order, as JLine lists them), so that
        // the budget goes to what will be shown; the others get a label only if one is cached.
        List<DirectoryListing.Entry> pins = new ArrayList<>();
        Path rootDir = root.get().toAbsolutePath().normalize();
        for (DirectoryListing.Entry e : entries) {
            Path entry = dir.resolve(e.name()).toAbsolutePath().normalize();
            boolean inside = entry.startsWith(rootDir);
            if (!inside && !rootDir.startsWith(entry)) {
                continue; // outside the root and not on the way to it: the command would refuse it
            }
            if (DirectoryListing.isDirectory(dir, e)) {
                out.add(Candidates.partial(valuePrefix + dirPart + e.name() + "/", e.name() + "/",
                        EntryKind.DIRECTORY.displayName()));
            } else if (onBpffs && inside) {
                pins.add(e);
            }
        }
        for (DirectoryListing.Entry e : pins) {
            PinLabels.Budget mayOpen = e.name().startsWith(namePrefix) ? budget : null;
            PinLabels.Label label = labels.ofPin(base + e.name(), e.inode(), mayOpen);
            if (!filter.accepts(label)) {
                continue;
            }
            out.add(Candidates.complete(valuePrefix + dirPart + e.name(), e.name(),
                    label == null ? null : label.text()));
        }
    }
}
