package io.bpfsh.engine.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.OpenFds;
import io.bpfsh.engine.testing.Samples;
import io.bpfsh.engine.testing.TestBpffs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Loaders that share PIN_GLOBAL_NS maps and unpin them at close, all at once: pins appear and vanish,
 * and empty directories are removed, between any two steps of a load. Every load must still succeed,
 * by reusing what is pinned or pinning its own map, and nothing may leak.
 */
@KernelTest
class PinRaceKernelTest {
    private static final int LOADERS = 4;
    private static final int CYCLES = 150;

    @Test
    void concurrentLoadersOfTheSamePinsAllSucceed() throws Exception {
        try (TestBpffs fs = new TestBpffs("PinRaceKernelTest")) {
            Path object = Samples.object("gobpf_global.o");
            Map<String, CloseOptions> unpinBoth = Map.of("maps/dummy_hash", CloseOptions.unpinning(),
                    "maps/dummy_array", CloseOptions.unpinning());
            try (Module warm = Module.open(object, fs.bpffs())) {
                warm.load(Map.of());
                warm.close(unpinBoth);
            }
            int fds = OpenFds.count();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            CountDownLatch start = new CountDownLatch(1);
            Thread[] loaders = new Thread[LOADERS];
            for (int t = 0; t < LOADERS; t++) {
                loaders[t] = new Thread(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < CYCLES; i++) {
                            try (Module m = Module.open(object, fs.bpffs())) {
                                m.load(Map.of());
                                m.close(unpinBoth);
                            } catch (Exception e) {
                                failures.add(e.getMessage());
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                loaders[t].start();
            }
            start.countDown();
            for (Thread t : loaders) {
                t.join();
            }
            assertEquals(List.of(), List.copyOf(failures), "every load and close succeeded");
            assertEquals(fds, OpenFds.count(), "no FD left open");
            try (Stream<Path> s = Files.walk(fs.root())) {
                assertEquals(List.of(), s.filter(Files::isRegularFile).toList(), "no pin left behind");
            }
        }
    }
}
