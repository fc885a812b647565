package io.bpfsh.engine.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The sample objects in samples/ (the surefire configuration sets BPFSH_SAMPLES). */
public final class Samples {
    private Samples() {
    }

    public static Path dir() {
        String env = System.getenv("BPFSH_SAMPLES");
        Path p = env != null ? Path.of(env) : Path.of("..", "samples");
        if (!Files.isDirectory(p)) {
            throw new AssertionError("samples directory not found: " + p.toAbsolutePath());
        }
        return p.toAbsolutePath().normalize();
    }

    public static Path object(String name) {
        Path p = dir().resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new AssertionError("sample object missing: " + p + " (make -C samples)");
        }
        return p;
    }
}
