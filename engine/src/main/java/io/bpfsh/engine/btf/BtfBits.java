package io.bpfsh.engine.btf;

/**
 * Bit ranges of little-endian values. On a little-endian target, bit offset {@code n} of a struct is bit
 * {@code n % 8} of byte {@code n / 8}, counting from the least significant bit, and wider fields continue into the
 * following bytes; the same numbering serves whole integers and bitfields.
 */
final class BtfBits {
    private BtfBits() {
    }

    /** The unsigned pattern of {@code bits} (1 to 64) bits starting at {@code bitOffset}. */
    static long read(byte[] data, long bitOffset, int bits) {
        long result = 0;
        for (int done = 0; done < bits; ) {
            long bit = bitOffset + done;
            int shift = (int) (bit & 7);
            int take = Math.min(8 - shift, bits - done);
            long chunk = ((data[(int) (bit >>> 3)] & 0xff) >>> shift) & ((1 << take) - 1);
            result |= chunk << done;
            done += take;
        }
        return result;
    }

    /** Stores the low {@code bits} (1 to 64) bits of {@code value} at {@code bitOffset}, keeping the bits around. */
    static void write(byte[] data, long bitOffset, int bits, long value) {
        for (int done = 0; done < bits; ) {
            long bit = bitOffset + done;
            int shift = (int) (bit & 7);
            int take = Math.min(8 - shift, bits - done);
            int mask = ((1 << take) - 1) << shift;
            int index = (int) (bit >>> 3);
            int chunk = (int) ((value >>> done) << shift) & mask;
            data[index] = (byte) ((data[index] & ~mask) | chunk);
            done += take;
        }
    }
}
