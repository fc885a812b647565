package io.bpfsh.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The mappings of this process that belong to BPF maps and perf events, from /proc/self/maps
 * (ring buffers show as anon_inode:bpf-map, perf rings as anon_inode:[perf_event]).
 */
public final class OpenMappings {
    private OpenMappings() {
    }

    public static long count() {
        try {
            return Files.readAllLines(Path.of("/proc/self/maps")).stream()
                    .filter(l -> l.contains("bpf-map") || l.contains("perf_event"))
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
