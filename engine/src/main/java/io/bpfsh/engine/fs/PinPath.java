package io.bpfsh.engine.fs;

import java.nio.file.Path;

/**
 * A validated pin location: absolute, normalised, strictly inside the bpffs root it was resolved
 * against, and made only of names the kernel accepts. Made by {@link Bpffs#resolve(String)}.
 */
public final class PinPath {
    private final Path path;
    private final Path root;

    PinPath(Path path, Path root) {
        this.path = path;
        this.root = root;
    }

    public Path path() {
        return path;
    }

    public Path root() {
        return root;
    }

    /** The path below the root, e.g. "ns1/test1". */
    public String relative() {
        return root.relativize(path).toString();
    }

    public String name() {
        return path.getFileName().toString();
    }

    @Override
    public String toString() {
        return path.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PinPath p && p.path.equals(path) && p.root.equals(root);
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }
}
