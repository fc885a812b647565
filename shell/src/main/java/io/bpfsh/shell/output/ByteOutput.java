package io.bpfsh.shell.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * bpfsh's standard output as bytes: one reused buffer, written to the stream in one large write
 * when it fills, so that a dump of millions of entries formats straight from the kernel's batch
 * buffers into it (no String and no array per entry; issue 14). It is also an {@link OutputStream},
 * so the text writer and the JSON generator write through the same buffer and in order, as long as
 * each is flushed before another writes.
 *
 * <p>As with {@link java.io.PrintWriter}, which bpfsh wrote through before, a write to the stream
 * that fails (a closed pipe) is not thrown: output stops, {@link #checkError()} says so, and a long
 * dump can stop early instead of formatting the rest of a map into nowhere.
 */
public final class ByteOutput extends OutputStream {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DIGIT_PAIRS = new byte[200];
    /** 10^0 .. 10^18: a long has at most 19 digits below 10^19 (and unsigned() splits off the 20th) */
    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        for (int i = 0; i < 100; i++) {
            DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
            DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }
    private static final int DEFAULT_SIZE = 64 << 10;
    /** the most one put call adds: 20 digits of a 64-bit number, with room to spare */
    private static final int LARGEST_PUT = 32;

    private final OutputStream out;
    private final byte[] buf;
    private int used;
    private boolean failed;

    public ByteOutput(OutputStream out) {
        this(out, DEFAULT_SIZE);
    }

    /** With a buffer of {@code size} bytes (at least 64): small for a line, 64 KiB for stdout. */
    public ByteOutput(OutputStream out, int size) {
        this.out = out;
        this.buf = new byte[Math.max(size, 2 * LARGEST_PUT)];
    }

    /** ASCII text (names, punctuation): one byte a char. */
    public ByteOutput ascii(String s) {
        int n = s.length();
        if (n > buf.length - used) {
            drain();
            if (n > buf.length) {
                utf8(s);
                return this;
            }
        }
        for (int i = 0; i < n; i++) {
            buf[used + i] = (byte) s.charAt(i);
        }
        used += n;
        return this;
    }

    /** Bytes as they are: the ASCII literals of a format, encoded once. */
    public ByteOutput put(byte[] literal) {
        bytes(literal, 0, literal.length);
        return this;
    }

    /** Any text, UTF-8 encoded. */
    public ByteOutput utf8(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        bytes(b, 0, b.length);
        return this;
    }

    public ByteOutput put(char asciiChar) {
        room(1);
        buf[used++] = (byte) asciiChar;
        return this;
    }

    /** {@code v} as an unsigned decimal number (2^64-1 for -1). */
    public ByteOutput unsigned(long v) {
        room(LARGEST_PUT);
        if (v < 0) {
            // the one case long division cannot do: split off the last digit unsigned
            long q = Long.divideUnsigned(v, 10);
            int last = (int) (v - q * 10);
            decimal(q);
            buf[used++] = (byte) ('0' + last);
            return this;
        }
        decimal(v);
        return this;
    }

    /** {@code v} as a signed decimal number. */
    public ByteOutput signed(long v) {
        if (v < 0) {
            room(LARGEST_PUT);
            buf[used++] = '-';
            if (v == Long.MIN_VALUE) {
                return ascii("9223372036854775808");
            }
            v = -v;
        }
        room(LARGEST_PUT);
        decimal(v);
        return this;
    }

    /** Lower-case hex digits of {@code length} bytes from {@code b} at {@code offset}. */
    public ByteOutput hex(byte[] b, int offset, int length) {
        for (int i = 0; i < length; i++) {
            room(2);
            int x = b[offset + i] & 0xff;
            buf[used++] = HEX[x >>> 4];
            buf[used++] = HEX[x & 0xf];
        }
        return this;
    }

    @Override
    public void write(int b) {
        put((char) (b & 0xff));
    }

    @Override
    public void write(byte[] b, int off, int len) {
        bytes(b, off, len);
    }

    /** Writes what is buffered to the stream and flushes it. */
    @Override
    public void flush() {
        drain();
        try {
            out.flush();
        } catch (IOException e) {
            failed = true;
        }
        noticePrintStreamError();
    }

    /** System.out is a PrintStream, which keeps a write's IOException (EPIPE) to itself: ask it. */
    private void noticePrintStreamError() {
        if (!failed && out instanceof java.io.PrintStream ps && ps.checkError()) {
            failed = true;
        }
    }

    /** True once a write to the stream has failed; later output is dropped. */
    public boolean checkError() {
        return failed;
    }

    /** Flushes; the underlying stream (stdout) stays open. */
    @Override
    public void close() {
        flush();
    }

    private void bytes(byte[] b, int off, int len) {
        if (len > buf.length - used) {
            drain();
            if (len > buf.length) {
                send(b, off, len);
                return;
            }
        }
        System.arraycopy(b, off, buf, used, len);
        used += len;
    }

    /**
     * Digits of a non-negative {@code v}, written back to front into their place, two at a time (half
     * the divisions; in int arithmetic while the value fits): this runs twice per entry of a dump.
     */
    private void decimal(long v) {
        int digits = 1;
        while (digits < POWERS_OF_TEN.length && v >= POWERS_OF_TEN[digits]) {
            digits++;
        }
        int at = used + digits;
        used = at;
        while (v > Integer.MAX_VALUE) {
            long q = v / 100;
            int pair = (int) (v - q * 100) * 2;
            buf[--at] = DIGIT_PAIRS[pair + 1];
            buf[--at] = DIGIT_PAIRS[pair];
            v = q;
        }
        int i = (int) v;
        while (i >= 100) {
            int q = i / 100;
            int pair = (i - q * 100) * 2;
            buf[--at] = DIGIT_PAIRS[pair + 1];
            buf[--at] = DIGIT_PAIRS[pair];
            i = q;
        }
        if (i >= 10) {
            buf[--at] = DIGIT_PAIRS[i * 2 + 1];
            buf[--at] = DIGIT_PAIRS[i * 2];
        } else {
            buf[--at] = (byte) ('0' + i);
        }
    }

    private void room(int n) {
        if (buf.length - used < n) {
            drain();
        }
    }

    private void drain() {
        if (used > 0) {
            send(buf, 0, used);
            used = 0;
        }
    }

    private void send(byte[] b, int off, int len) {
        if (failed) {
            return;
        }
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            failed = true;
        }
        noticePrintStreamError();
    }
}
