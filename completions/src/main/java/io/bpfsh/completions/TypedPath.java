package io.bpfsh.completions;

import io.bpfsh.engine.fs.DirectoryListing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * A path being typed, split where completion works on it: the directory part as typed
 * ({@code "ns1/"}), the name prefix after it ({@code "te"}), and the directory it names, absolute
 * paths as typed and relative ones under a base (the bpffs root, or the working directory).
 */
record TypedPath(String dirPart, String namePrefix, Path dir) {

    /** The typed path, or null when it names no readable directory. */
    static TypedPath of(String typed, Supplier<Path> base) {
        int slash = typed.lastIndexOf('/');
        String dirPart = typed.substring(0, slash + 1);
        Path dir;
        try {
            dir = dirPart.startsWith("/") ? Path.of(dirPart) : base.get().resolve(dirPart);
        } catch (InvalidPathException e) {
            return null;
        }
        return Files.isDirectory(dir) ? new TypedPath(dirPart, typed.substring(slash + 1), dir) : null;
    }

    /** The directory's entries, or null when it cannot be read (no permission: nothing to offer). */
    List<DirectoryListing.Entry> entries() {
        try {
            return DirectoryListing.list(dir);
        } catch (IOException e) {
            return null;
        }
    }
}
