package io.bpfsh.engine.btf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Pins what {@link BtfValueFormatter} shows, text and JSON tree, for every type of fixture.btf that
 * has a value (structs with enums, bitfields, unions, floats, pointers, char arrays, sections) over
 * a set of byte patterns, errors included. The golden file was written by the formatter that walked
 * the type graph for every value, before it compiled each type once into a plan (issue 14): the plan
 * must show every value, and refuse every value, exactly as the walk did.
 *
 * <p>To write it anew (only when a change of output is intended):
 * {@code mvn -pl engine verify -Dtest=BtfValueGoldenTest -Dbpfsh.golden.write=true}.
 */
class BtfValueGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/io/bpfsh/engine/btf/values.golden");

    @Test
    void everyFixtureTypeShowsAsTheWalkShowedIt() throws Exception {
        Btf btf = Btf.parse("fixture.o: .BTF", BtfFixtureTest.fixture());
        BtfValueFormatter formatter = new BtfValueFormatter(btf);
        StringBuilder got = new StringBuilder();
        for (int i = 1; i <= btf.typeCount(); i++) {
            int id = i;
            long size;
            try {
                size = btf.sizeOf(id);
            } catch (BtfFormatException e) {
                continue; // functions and other types without a size have no value
            }
            if (size <= 0 || size > 4096) {
                continue;
            }
            got.append("== ").append(id).append(' ').append(btf.typeName(id)).append('\n');
            for (byte[] value : patterns((int) size, id)) {
                got.append("  text ").append(show(() -> formatter.text(id, value))).append('\n');
                got.append("  json ").append(show(() -> tree(formatter.json(id, value)))).append('\n');
            }
            got.append("  short ").append(show(() -> formatter.text(id, new byte[(int) size - 1]))).append('\n');
        }
        if (Boolean.getBoolean("bpfsh.golden.write")) {
            Files.writeString(GOLDEN, got);
            return;
        }
        assertEquals(Files.readString(GOLDEN, StandardCharsets.UTF_8), got.toString());
    }

    private interface Shown {
        Object get() throws Exception;
    }

    private static String show(Shown s) {
        try {
            return String.valueOf(s.get());
        } catch (Exception e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /** Zeros, ones, text with a NUL tail, and seeded random bytes. */
    private static List<byte[]> patterns(int size, int seed) {
        byte[] zeros = new byte[size];
        byte[] ones = new byte[size];
        java.util.Arrays.fill(ones, (byte) 0xff);
        byte[] text = new byte[size];
        for (int i = 0; i < size * 2 / 3; i++) {
            text[i] = (byte) ('a' + i % 26);
        }
        SplittableRandom r = new SplittableRandom(seed);
        byte[] random1 = new byte[size];
        byte[] random2 = new byte[size];
        for (int i = 0; i < size; i++) {
            random1[i] = (byte) r.nextInt(256);
            random2[i] = (byte) (r.nextInt(4) == 0 ? r.nextInt(256) : r.nextInt(3));
        }
        return List.of(zeros, ones, text, random1, random2);
    }

    /** The tree with each leaf's Java type, which JSON output depends on (Long vs BigInteger, Float vs Double). */
    private static String tree(Object v) {
        if (v instanceof Map<?, ?> m) {
            StringBuilder s = new StringBuilder("{");
            m.forEach((k, x) -> s.append(s.length() > 1 ? ", " : "").append(k).append('=').append(tree(x)));
            return s.append('}').toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder s = new StringBuilder("[");
            for (Object x : l) {
                s.append(s.length() > 1 ? ", " : "").append(tree(x));
            }
            return s.append(']').toString();
        }
        return v == null ? "null" : v.getClass().getSimpleName() + ":" + v;
    }
}
