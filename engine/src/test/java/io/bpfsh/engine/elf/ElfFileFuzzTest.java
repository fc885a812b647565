package io.bpfsh.engine.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Corrupt input of every kind gives an ElfFormatException or, if the mutation happened to leave a
 * valid object, a usable ElfFile; never another exception, an error, or a hang. Every case is
 * derived from a printed seed so that a failure can be replayed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ElfFileFuzzTest {
    private static final long SEED = 0xb9f5_e1f0L;
    private static final byte[] REL = BpfObjectBuilder.minimal();
    private static final byte[] RELA = BpfObjectBuilder.minimalBuilder().withAddends().build();
    private static final int[] INTERESTING_INTS = {0, 1, -1, 0x7f, 0x80, 0xff, 0xffff, 0x7fffffff,
        0x80000000, 24, 16, 64, 0xff00, 0xfff1, REL.length, REL.length - 1, REL.length + 1};

    /** Parses {@code input}; anything but success or ElfFormatException fails the test. */
    static void parseAnyhow(byte[] input, String replay) {
        try {
            use(ElfFile.parse("fuzz.o", input));
        } catch (ElfFormatException e) {
            String message = e.getMessage();
            if (!message.startsWith("fuzz.o: ") || message.contains("\n") || message.contains("\r")) {
                fail(replay + ": bad message: " + message);
            }
        } catch (Throwable t) {
            fail(replay + ": " + t, t);
        }
    }

    /** Touches everything a caller would, to show an accepted file is safe to use. */
    private static void use(ElfFile elf) {
        assertEquals(elf.size(), elf.contents().remaining());
        for (ElfSection s : elf.sections()) {
            assertEquals(s.hasFileData() ? s.size() : 0, s.data().remaining());
            assertTrue(elf.section(s.name()).isPresent());
            elf.relocationsFor(s).ifPresent(table -> {
                assertEquals(s, table.target());
                for (ElfRelocation r : table.relocations()) {
                    elf.symbols().get(r.symbolIndex());
                    assertTrue(r.offset() >= 0 && r.offset() + 4 <= s.size());
                }
            });
        }
        for (ElfSymbol symbol : elf.symbols()) {
            if (symbol.isInSection()) {
                assertTrue(elf.section(symbol.sectionIndex()).isPresent());
            }
        }
    }

    @Test
    void everyTruncationIsRefused() {
        for (byte[] valid : new byte[][] {REL, RELA}) {
            parseAnyhow(valid, "untruncated");
            for (int length = 0; length < valid.length; length++) {
                byte[] truncated = Arrays.copyOf(valid, length);
                String replay = "truncated to " + length + " of " + valid.length;
                try {
                    ElfFile.parse("fuzz.o", truncated);
                    fail(replay + ": accepted, but the section header table is at the end");
                } catch (ElfFormatException expected) {
                    parseAnyhow(truncated, replay); // and the message is well-formed
                }
            }
        }
    }

    @Test
    void randomBytes() {
        for (int i = 0; i < 5_000; i++) {
            Random random = new Random(SEED + i);
            byte[] input = new byte[random.nextInt(1024)];
            random.nextBytes(input);
            parseAnyhow(input, "random bytes, seed " + (SEED + i));
        }
    }

    @Test
    void randomBytesBehindAValidHeader() {
        // a plausible header gets the noise past the identification checks into the tables
        for (int i = 0; i < 20_000; i++) {
            Random random = new Random(SEED + i);
            byte[] input = new byte[64 + random.nextInt(2048)];
            random.nextBytes(input);
            ByteBuffer header = ByteBuffer.wrap(input).order(ByteOrder.LITTLE_ENDIAN);
            header.put(0, Arrays.copyOf(REL, 16)).putShort(16, (short) 1)
                    .putShort(18, (short) ElfFile.EM_BPF).putShort(58, (short) 64)
                    .putLong(40, random.nextInt(input.length))
                    .putShort(60, (short) random.nextInt(random.nextBoolean() ? 4 : 40))
                    .putShort(62, (short) random.nextInt(8));
            parseAnyhow(input, "random tables, seed " + (SEED + i));
        }
    }

    @Test
    void everySingleByteOverwrite() {
        for (byte[] valid : new byte[][] {REL, RELA}) {
            for (int position = 0; position < valid.length; position++) {
                int original = valid[position];
                for (int value : new int[] {0, 0xff, 0x7f, 0x80, 1, original + 1, original - 1}) {
                    byte[] input = valid.clone();
                    input[position] = (byte) value;
                    parseAnyhow(input, "byte " + position + " of " + valid.length + " set to " + value);
                }
            }
        }
    }

    @Test
    void randomSingleByteOverwrites() {
        for (int i = 0; i < 10_000; i++) {
            Random random = new Random(SEED + i);
            byte[] input = (random.nextBoolean() ? REL : RELA).clone();
            input[random.nextInt(input.length)] = (byte) random.nextInt();
            parseAnyhow(input, "single byte overwrite, seed " + (SEED + i));
        }
    }

    @Test
    void randomFourByteOverwrites() {
        for (int i = 0; i < 20_000; i++) {
            Random random = new Random(SEED + i);
            byte[] input = (random.nextBoolean() ? REL : RELA).clone();
            int position = random.nextInt(input.length - 3);
            if (random.nextBoolean()) {
                position &= ~3; // fields are aligned: hit whole fields half of the time
            }
            int value = random.nextBoolean()
                    ? INTERESTING_INTS[random.nextInt(INTERESTING_INTS.length)] : random.nextInt();
            ByteBuffer.wrap(input).order(ByteOrder.LITTLE_ENDIAN).putInt(position, value);
            parseAnyhow(input, "four byte overwrite, seed " + (SEED + i));
        }
    }

    @Test
    void randomBurstsOfMutations() {
        for (int i = 0; i < 10_000; i++) {
            Random random = new Random(SEED + i);
            byte[] input = (random.nextBoolean() ? REL : RELA).clone();
            for (int n = 1 + random.nextInt(8); n > 0; n--) {
                input[random.nextInt(input.length)] = (byte) random.nextInt();
            }
            if (random.nextInt(4) == 0) {
                input = Arrays.copyOf(input, random.nextInt(input.length * 2));
            }
            parseAnyhow(input, "mutation burst, seed " + (SEED + i));
        }
    }
}
