package io.bpfsh.engine.fs;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.sys.Errno;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where tracefs is (trace_pipe for bpf_printk, tracepoint ids): /sys/kernel/tracing, or the legacy
 * /sys/kernel/debug/tracing. When neither is mounted it mounts tracefs at /sys/kernel/tracing, and
 * says so in {@link #note()} so that the caller can tell the user what changed on the system.
 */
public final class Tracefs {
    public static final Path DEFAULT_ROOT = Path.of("/sys/kernel/tracing");
    static final Path LEGACY_ROOT = Path.of("/sys/kernel/debug/tracing");

    private final Path root;
    private final String note;

    private Tracefs(Path root, String note) {
        this.root = root;
        this.note = note;
    }

    /** The mounted tracefs, mounting it at {@link #DEFAULT_ROOT} when there is none. */
    public static Tracefs locateOrMount() throws EngineException {
        return locateOrMount(DEFAULT_ROOT, LEGACY_ROOT);
    }

    /** Looks at {@code root}, then {@code legacy}; mounts at {@code root} when neither has tracefs. */
    static Tracefs locateOrMount(Path root, Path legacy) throws EngineException {
        for (Path p : new Path[] {root, legacy}) {
            if (isTracefs(p)) {
                return new Tracefs(p, null);
            }
        }
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new EngineException("tracefs is not mounted and " + root
                    + " is not a directory to mount it on (is this kernel built with CONFIG_TRACING?)");
        }
        int r = FsCalls.mountTracefs(root.toString());
        if (r != 0) {
            throw new EngineException("tracefs is not mounted; mount tracefs at " + root + ": "
                    + Errno.describe(-r) + " (mount it with: mount -t tracefs tracefs " + root + ")");
        }
        return new Tracefs(root, "mounted tracefs at " + root + " (it was not mounted)");
    }

    /** The mounted tracefs, without mounting one (for completion, which must change nothing). */
    public static Optional<Tracefs> locate() {
        for (Path p : new Path[] {DEFAULT_ROOT, LEGACY_ROOT}) {
            if (isTracefs(p)) {
                return Optional.of(new Tracefs(p, null));
            }
        }
        return Optional.empty();
    }

    static boolean isTracefs(Path p) {
        return Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && FsCalls.fsType(p.toString()) == FsCalls.TRACEFS_MAGIC;
    }

    public Path root() {
        return root;
    }

    /** What locating it changed ("mounted tracefs at ..."), or null when it was already there. */
    public String note() {
        return note;
    }

    /** The pipe bpf_printk output is read from. */
    public Path tracePipe() {
        return root.resolve("trace_pipe");
    }
}
