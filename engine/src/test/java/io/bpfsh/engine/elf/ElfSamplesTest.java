package io.bpfsh.engine.elf;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Real objects built by clang, when available: the first of $BPFSH_SAMPLES, this checkout's
 * samples/ and the main worktree's that holds any. They must parse, and corrupting them must
 * behave like corrupting the built fixture. Skipped when there are none: the built fixture is
 * the main test.
 */
class ElfSamplesTest {
    private static final long SEED = 0x5a3b_1e5L;

    private static List<Path> samples() throws IOException {
        // the root pom points BPFSH_SAMPLES at this checkout's samples/, which a worktree may lack
        List<Path> dirs = new ArrayList<>();
        String configured = System.getenv("BPFSH_SAMPLES");
        if (configured != null && !configured.isEmpty()) {
            dirs.add(Path.of(configured));
        }
        dirs.add(Path.of("../samples"));
        dirs.add(Path.of("../../main/samples"));
        for (Path dir : dirs) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    List<Path> objects = files.filter(f -> f.toString().endsWith(".o")).sorted().toList();
                    if (!objects.isEmpty()) {
                        return objects;
                    }
                }
            }
        }
        return List.of();
    }

    // Plain @Test loops, not @TestFactory: Surefire 3.5.3 silently drops dynamic tests' results.

    @Test
    void everySampleParses() throws IOException {
        List<Path> samples = samples();
        assertFalse(samples.isEmpty(), "the committed sample objects are missing");
        for (Path file : samples) {
            try {
                ElfFile.read(file);
            } catch (ElfFormatException e) {
                fail(e.getMessage(), e);
            }
        }
    }

    @Test
    void corruptedSamplesAreRefusedCleanly() throws IOException {
        List<Path> samples = samples();
        assertFalse(samples.isEmpty(), "the committed sample objects are missing");
        for (Path file : samples) {
            byte[] valid = Files.readAllBytes(file);
            String name = file.getFileName().toString();
            for (int length = 0; length < Math.min(512, valid.length); length++) {
                byte[] truncated = Arrays.copyOf(valid, length);
                assertThrows(ElfFormatException.class, () -> ElfFile.parse(name, truncated),
                        name + " truncated to " + length);
            }
            for (int i = 0; i < 2_000; i++) {
                Random random = new Random(SEED + i);
                byte[] input = valid.clone();
                if (i % 4 == 0) {
                    input = Arrays.copyOf(input, random.nextInt(valid.length));
                } else if (i % 2 == 0) {
                    input[random.nextInt(input.length)] = (byte) random.nextInt();
                } else {
                    // small and large values alike: a random int shifted right by 0..31 bits
                    ByteBuffer.wrap(input).order(ByteOrder.LITTLE_ENDIAN).putInt(
                            random.nextInt(input.length - 3) & ~3, random.nextInt() >>> random.nextInt(32));
                }
                ElfFileFuzzTest.parseAnyhow(input, name + " mutated, seed " + (SEED + i));
            }
        }
    }
}
