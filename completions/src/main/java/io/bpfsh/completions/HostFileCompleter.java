package io.bpfsh.completions;

import io.bpfsh.engine.fs.DirectoryListing;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jline.reader.Candidate;

/**
 * Completes host files (the FILE of {@code load} and {@code source}), relative to the working
 * directory or absolute, and prefers one suffix:
 * <ul>
 * <li>directories are always offered (ending with '/', no space after them);</li>
 * <li>files with the preferred suffix ({@code .o}, {@code .bpfsh}) are offered;</li>
 * <li>other files only when no preferred file starts with what is typed, so that
 * {@code load samples/<TAB>} lists the objects and not their C sources, while
 * {@code load build/foo.el<TAB>} still completes an object named otherwise;</li>
 * <li>hidden entries only when what is typed of the name starts with '.', as shells do.</li>
 * </ul>
 * The shell does not expand '~', so neither does completion.
 */
final class HostFileCompleter {

    private final Supplier<Path> workingDirectory;

    HostFileCompleter(Supplier<Path> workingDirectory) {
        this.workingDirectory = workingDirectory;
    }

    void complete(String typed, String preferredSuffix, List<Candidate> out) {
        TypedPath path = TypedPath.of(typed, workingDirectory);
        List<DirectoryListing.Entry> entries = path == null ? null : path.entries();
        if (entries == null) {
            return; // no such directory, or no permission to read it: nothing to offer
        }
        String dirPart = path.dirPart();
        String namePrefix = path.namePrefix();
        Path dir = path.dir();
        boolean showHidden = namePrefix.startsWith(".");
        List<DirectoryListing.Entry> preferred = new ArrayList<>();
        List<DirectoryListing.Entry> others = new ArrayList<>();
        boolean preferredMatches = false;
        for (DirectoryListing.Entry e : entries) {
            String name = e.name();
            if (name.startsWith(".") && !showHidden) {
                continue;
            }
            if (DirectoryListing.isDirectory(dir, e)) {
                out.add(Candidates.partial(dirPart + name + "/", name + "/", null));
            } else if (name.endsWith(preferredSuffix)) {
                preferred.add(e);
                preferredMatches |= name.startsWith(namePrefix);
            } else {
                others.add(e);
            }
        }
        for (DirectoryListing.Entry e : preferred) {
            out.add(Candidates.complete(dirPart + e.name(), e.name(), null));
        }
        if (!preferredMatches) {
            for (DirectoryListing.Entry e : others) {
                out.add(Candidates.complete(dirPart + e.name(), e.name(), null));
            }
        }
    }
}
