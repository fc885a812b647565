package io.bpfsh.engine.btf;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The string section: NUL-terminated names addressed by byte offset.
 *
 * <p>Corrupt input can point many records into the middle of one long string, and each such offset would decode to
 * its own copy. Decoded text is therefore cached per offset and charged against a budget proportional to the section,
 * so that memory stays bounded by the input size.
 */
final class BtfStrings {
    private final String origin;
    private final byte[] data;
    private final int start;
    private final int length;
    /** Split BTF: offsets below {@code base.total()} are the base's strings, the rest count on from there. */
    private final BtfStrings base;
    private final int baseLength;
    private final Map<Integer, String> cache = new HashMap<>();
    private long budget;

    /**
     * The caller has checked that the section is in bounds and ends with a NUL byte, and (without a base) that it is
     * non-empty.
     */
    BtfStrings(String origin, byte[] data, int start, int length, BtfStrings base) {
        this.origin = origin;
        this.data = data;
        this.start = start;
        this.length = length;
        this.base = base;
        this.baseLength = base == null ? 0 : base.total();
        this.budget = 4L * (baseLength + length) + 4096; // split BTF names mostly come from its base
    }

    /** Offsets valid in this section: the base's strings and its own. */
    int total() {
        return baseLength + length;
    }

    /** The name at {@code offset} for a record described by {@code owner} (used only in the error message). */
    String name(long offset, String owner) throws BtfFormatException {
        if (offset < 0 || offset >= total()) {
            throw new BtfFormatException(origin, owner + ": name offset " + offset + " is outside the "
                    + total() + "-byte string section" + (base == null ? "" : " (with the base BTF's)"));
        }
        String cached = cache.get((int) offset);
        if (cached != null) return cached;
        String s = offset < baseLength ? base.at((int) offset) : decode((int) offset);
        budget -= s.length() + 16;
        if (budget < 0) {
            throw new BtfFormatException(origin, owner + ": names overlap so much that decoding them would need "
                    + "far more memory than the " + length + "-byte string section");
        }
        cache.put((int) offset, s);
        return s;
    }

    /** Any string, for callers outside parsing; not cached so that it cannot grow memory after parse. */
    String at(int offset) {
        if (offset < 0 || offset >= total()) {
            throw new IllegalArgumentException("string offset " + offset + " is outside the " + total()
                    + "-byte string section of " + origin);
        }
        if (offset < baseLength) return base.at(offset);
        String cached = cache.get(offset);
        return cached != null ? cached : decode(offset);
    }

    private String decode(int offset) {
        int from = start + offset - baseLength;
        int end = from;
        while (data[end] != 0) end++; // terminates: the section's last byte is NUL
        return new String(data, from, end - from, StandardCharsets.UTF_8);
    }
}
