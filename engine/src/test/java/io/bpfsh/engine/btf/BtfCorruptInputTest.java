package io.bpfsh.engine.btf;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.bpfsh.engine.EngineException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Damaged sections, derived from the fixture with fixed seeds: every outcome must be a parsed {@link Btf} or a
 * one-line {@link BtfFormatException}, and whatever parses must survive every query, the map reader, the fix-ups and
 * the value formatter and parser with only one-line engine exceptions. The timeout catches hangs.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BtfCorruptInputTest {
    private static final int[] INTERESTING = {0, 1, 2, -1, 0x7fffffff, 0x80000000, 0xffff, 0x10000, 24, 12, 1000};

    static byte[] fixture;

    @BeforeAll
    static void load() throws Exception {
        fixture = BtfFixtureTest.fixture();
    }

    @Test
    void truncatedAtEveryLength() {
        for (int length = 0; length <= Math.min(512, fixture.length); length++) {
            survive(Arrays.copyOf(fixture, length), "truncated to " + length);
        }
        Random random = new Random(1);
        for (int i = 0; i < 300; i++) {
            int length = 512 + random.nextInt(fixture.length - 512);
            survive(Arrays.copyOf(fixture, length), "truncated to " + length);
        }
    }

    @Test
    void truncatedWithConsistentHeader() {
        // shrink the declared string section with the bytes, so that decoding reaches the damaged type records
        for (int cut = 1; cut < fixture.length - 24; cut += 3) {
            byte[] b = Arrays.copyOf(fixture, fixture.length - cut);
            ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            h.putInt(20, Math.max(0, h.getInt(20) - cut));
            survive(b, "cut " + cut + " with the string length adjusted");
        }
    }

    @Test
    void randomBytes() {
        for (long seed = 0; seed < 3000; seed++) {
            Random random = new Random(seed);
            byte[] b = new byte[random.nextInt(600)];
            random.nextBytes(b);
            if (seed % 2 == 0 && b.length >= 24) { // a plausible header, so that the records get decoded
                ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
                int typeLen = random.nextInt(b.length - 24 + 1) & ~3;
                h.putShort(0, (short) 0xeb9f).put(2, (byte) 1).putInt(4, 24).putInt(8, 0).putInt(12, typeLen)
                        .putInt(16, typeLen).putInt(20, b.length - 24 - typeLen);
                if (b.length > 24 + typeLen) b[24 + typeLen] = 0;
                b[b.length - 1] = 0;
            }
            survive(b, "random bytes, seed " + seed);
        }
    }

    @Test
    void randomOverwrites() {
        for (long seed = 0; seed < 4000; seed++) {
            Random random = new Random(seed);
            byte[] b = fixture.clone();
            for (int n = 1 + random.nextInt(8); n > 0; n--) b[random.nextInt(b.length)] = (byte) random.nextInt();
            survive(b, "random overwrites, seed " + seed);
        }
    }

    @Test
    void interestingWordsInTheTypeSection() {
        int typeEnd = 24 + ByteBuffer.wrap(fixture).order(ByteOrder.LITTLE_ENDIAN).getInt(12);
        for (long seed = 0; seed < 4000; seed++) {
            Random random = new Random(seed);
            byte[] b = fixture.clone();
            ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            for (int n = 1 + random.nextInt(3); n > 0; n--) {
                int at = 24 + 4 * random.nextInt((typeEnd - 24) / 4);
                int value = random.nextBoolean() ? INTERESTING[random.nextInt(INTERESTING.length)]
                        : random.nextInt(70) | (random.nextBoolean() ? random.nextInt(20) << 24 : 0);
                buf.putInt(at, value);
            }
            survive(b, "words overwritten, seed " + seed);
        }
    }

    /** Parses and, if that succeeds, uses everything; only one-line engine exceptions may come out. */
    private static void survive(byte[] section, String what) {
        try {
            Btf btf;
            try {
                btf = Btf.parse("fuzz.o: .BTF", section);
            } catch (BtfFormatException e) {
                assertOneLine(e, what);
                return;
            }
            exercise(btf, what);
        } catch (AssertionError e) {
            throw e;
        } catch (Throwable t) {
            fail(what + ": " + t, t);
        }
    }

    private static void exercise(Btf btf, String what) {
        attempt(() -> BtfMapDefinitions.read(btf), what);
        attempt(() -> Btf.parse("fixed", btf.withDatasecFixups(BtfFixtureTest.SECTION_SIZES,
                BtfFixtureTest.VAR_OFFSETS)), what);
        BtfValueFormatter formatter = new BtfValueFormatter(btf);
        BtfValueParser parser = new BtfValueParser(btf);
        Random random = new Random(btf.typeCount());
        for (BtfType t : btf.types()) {
            btf.typeName(t.id());
            btf.resolve(t.id());
            attempt(() -> {
                long size = btf.sizeOf(t.id());
                if (size > 4096) return;
                byte[] value = new byte[(int) size];
                random.nextBytes(value);
                formatter.json(t.id(), value);
                String text = formatter.text(t.id(), value);
                parser.parse(t.id(), text);
                parser.parse(t.id(), "{}");
            }, what + ", type " + t.id());
        }
    }

    private interface Action {
        void run() throws Exception;
    }

    private static void attempt(Action action, String what) {
        try {
            action.run();
        } catch (EngineException e) {
            assertTrue(e instanceof BtfFormatException || e instanceof BtfValueException, what + ": " + e);
            assertOneLine(e, what);
        } catch (Exception e) {
            fail(what + ": " + e, e);
        }
    }

    private static void assertOneLine(Exception e, String what) {
        assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), what + ": " + e.getMessage());
    }
}
