package io.bpfsh.engine.fs;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A hostile local user, as a separate process: flips {@code DIR/d} between a directory and a symlink to
 * {@code TARGET} as fast as it can, until its stdin closes. Run by {@link PathRaceKernelTest}.
 */
public final class Swapper {
    private Swapper() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path target = Path.of(args[1]);
        Path d = dir.resolve("d");
        Path saved = dir.resolve("d-saved");
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // until the test closes our stdin
                }
            } catch (Exception e) {
                // stop either way
            }
            System.exit(0);
        });
        watcher.setDaemon(true);
        watcher.start();
        System.out.println("swapping");
        System.out.flush();
        while (true) {
            try {
                Files.move(d, saved);                  // d: gone
                Files.createSymbolicLink(d, target);   // d: a symlink out of the root
                Files.delete(d);
                Files.move(saved, d);                  // d: the directory again
            } catch (Exception e) {
                // a state the test's own operations left: go on flipping
            }
        }
    }
}
