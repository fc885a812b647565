package io.bpfsh.engine.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * libbpf, the reference loader, through {@code bpftool prog loadall}: run in a private mount namespace whose
 * /sys/fs/bpf is a test's own directory, so that what libbpf pins lands there and nowhere else.
 */
public final class Libbpf {
    /** bpftool's exit code and everything it printed (with {@code -d}, libbpf's debug log). */
    public record Run(int exitCode, String output) {
    }

    private Libbpf() {
    }

    /** {@code bpftool -d prog loadall OBJECT /sys/fs/bpf/DIR}, whether or not the load succeeds. */
    public static Run loadall(TestBpffs fs, Path object, String dir) {
        String script = "mount --bind " + fs.root() + " /sys/fs/bpf && exec bpftool -d prog loadall " + object
                + " /sys/fs/bpf/" + dir;
        try {
            Process p = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "sh", "-c", script)
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("bpftool timed out on " + object);
            }
            return new Run(p.exitValue(), out);
        } catch (IOException e) {
            throw new AssertionError("cannot run unshare/bpftool: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
