package io.bpfsh.engine.load;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.testing.Samples;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Corrupt objects through the public entry point (ELF reader and spec reader together): each gives a
 * one-line EngineException naming the file; nothing else escapes. Needs no kernel: open() does not load.
 */
class CorruptObjectTest {
    private Path dir;

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("bpfsh-corrupt");
    }

    @AfterEach
    void tearDown() throws Exception {
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    private void assertRefused(byte[] bytes, String what) throws Exception {
        assertHandled(bytes, what, true);
    }

    /** @param mustFail false for random mutations, which may happen to leave a valid object */
    private void assertHandled(byte[] bytes, String what, boolean mustFail) throws Exception {
        Path f = dir.resolve("bad.o");
        Files.write(f, bytes);
        try {
            Module.open(f).close();
        } catch (EngineException e) {
            assertTrue(e.getMessage().contains(f.toString()), what + ": names the file: " + e.getMessage());
            assertFalse(e.getMessage().contains("\n"), what + ": one line: " + e.getMessage());
            return;
        } catch (Throwable t) {
            fail(what + ": unexpected " + t, t);
        }
        if (mustFail) {
            fail(what + ": was accepted");
        }
    }

    @Test
    void truncatedAtEveryLengthUpTo512AndAtRandomLaterLengths() throws Exception {
        for (String sample : new String[] {"gobpf_custom.o", "iproute2_tc.o", "modern_config.o"}) {
            byte[] full = Files.readAllBytes(Samples.object(sample));
            for (int n = 0; n <= Math.min(512, full.length - 1); n++) {
                assertRefused(java.util.Arrays.copyOf(full, n), sample + " truncated at " + n);
            }
            Random r = new Random(42);
            for (int i = 0; i < 200; i++) {
                int n = 512 + r.nextInt(Math.max(1, full.length - 512));
                assertRefused(java.util.Arrays.copyOf(full, n), sample + " truncated at " + n);
            }
        }
    }

    @Test
    void randomBytesAndMutations() throws Exception {
        Random r = new Random(7);
        for (int i = 0; i < 300; i++) {
            byte[] b = new byte[r.nextInt(4096)];
            r.nextBytes(b);
            assertHandled(b, "random bytes, iteration " + i, false);
        }
        byte[] full = Files.readAllBytes(Samples.object("gobpf_global.o"));
        for (int i = 0; i < 3000; i++) {
            byte[] b = full.clone();
            int at = r.nextInt(b.length - 4);
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(at, r.nextInt());
            assertHandled(b, "4-byte overwrite at " + at + ", iteration " + i, false);
        }
    }

    @Test
    void everySectionHeaderFieldSetToHostileValues() throws Exception {
        long[] types = {0, 1, 2, 3, 4, 8, 9, 0x6fffffff};
        long[] sizes = {0, 1, 7, 8, 280, 0x7ffffff0L, Long.MAX_VALUE};
        long[] indexes = {0, 1, 2, 0xffff, 0xffffffffL};
        long[] flags = {0, 2, 4, 6, 7};
        try (var samples = Files.list(Samples.dir())) {
            for (Path sample : samples.filter(p -> p.toString().endsWith(".o")).sorted().toList()) {
                byte[] full = Files.readAllBytes(sample);
                ByteBuffer h = ByteBuffer.wrap(full).order(ByteOrder.LITTLE_ENDIAN);
                long shoff = h.getLong(40);
                int shnum = h.getShort(60) & 0xffff;
                for (int i = 1; i < shnum; i++) {
                    int at = (int) shoff + 64 * i;
                    mutate(full, at + 4, types, false, sample + " section " + i + " sh_type");
                    mutate(full, at + 32, sizes, true, sample + " section " + i + " sh_size");
                    mutate(full, at + 40, indexes, false, sample + " section " + i + " sh_link");
                    mutate(full, at + 44, indexes, false, sample + " section " + i + " sh_info");
                    mutate(full, at + 8, flags, true, sample + " section " + i + " sh_flags");
                }
            }
        }
    }

    private void mutate(byte[] full, int offset, long[] values, boolean wide, String what) throws Exception {
        for (long v : values) {
            byte[] b = full.clone();
            ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            if (wide) {
                bb.putLong(offset, v);
            } else {
                bb.putInt(offset, (int) v);
            }
            assertHandled(b, what + " = " + v, false);
        }
    }

    /** Issue 10.5: values that do not fit the kernel's u32 fields (DATASEC offsets and sizes) came out as IllegalArgumentException. */
    @Test
    void symbolValuesAndNobitsSizesOfAtLeast2To32() throws Exception {
        // -20 and -36 are multiples of the legacy entry sizes: signed, they passed the bounds check (found by the fuzzer)
        long[] hostile = {1L << 32, (1L << 32) + 8, Long.MAX_VALUE, -1L, -20L, -36L};
        try (var samples = Files.list(Samples.dir())) {
            for (Path sample : samples.filter(p -> p.toString().endsWith(".o")).sorted().toList()) {
                byte[] full = Files.readAllBytes(sample);
                ByteBuffer h = ByteBuffer.wrap(full).order(ByteOrder.LITTLE_ENDIAN);
                long shoff = h.getLong(40);
                int shnum = h.getShort(60) & 0xffff;
                for (int i = 1; i < shnum; i++) {
                    int at = (int) shoff + 64 * i;
                    int type = h.getInt(at + 4);
                    if (type == 8) { // SHT_NOBITS: the size has no bytes in the file to bound it
                        mutate(full, at + 32, hostile, true, sample + " NOBITS section " + i + " sh_size");
                    }
                    if (type == 2) { // SHT_SYMTAB: every STT_OBJECT symbol's st_value
                        long off = h.getLong(at + 24);
                        long size = h.getLong(at + 32);
                        for (long sym = off; sym + 24 <= off + size; sym += 24) {
                            if ((full[(int) sym + 4] & 0xf) == 1) {
                                mutate(full, (int) sym + 8, hostile, true, sample + " symbol at " + sym + " st_value");
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void wrongMachineAndSectionHeaderPastTheEnd() throws Exception {
        byte[] full = Files.readAllBytes(Samples.object("gobpf_custom.o"));
        byte[] x86 = full.clone();
        ByteBuffer.wrap(x86).order(ByteOrder.LITTLE_ENDIAN).putShort(18, (short) 62);
        assertRefused(x86, "wrong machine");
        byte[] past = full.clone();
        ByteBuffer.wrap(past).order(ByteOrder.LITTLE_ENDIAN).putLong(40, full.length + 1000L); // e_shoff
        assertRefused(past, "section header past the end");
    }
}
