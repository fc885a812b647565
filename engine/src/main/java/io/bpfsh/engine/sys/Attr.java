package io.bpfsh.engine.sys;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * One {@code union bpf_attr} in native memory, written at the explicit offsets of the UAPI layout
 * (the offsets are given at each use, next to the field name, so a reader can check them against
 * bpf.h). Zero-filled: the kernel requires every byte past the fields it knows to be zero.
 */
final class Attr implements AutoCloseable {
    private final Memory memory;

    Attr(int size) {
        memory = new Memory(size);
        memory.clear();
    }

    Attr u32(int offset, long value) {
        memory.setInt(offset, (int) value);
        return this;
    }

    Attr u64(int offset, long value) {
        memory.setLong(offset, value);
        return this;
    }

    /** A pointer field (__aligned_u64 in the UAPI). */
    Attr ptr(int offset, Pointer p) {
        memory.setLong(offset, p == null ? 0 : Pointer.nativeValue(p));
        return this;
    }

    /** A fixed-size char array (object names); truncated to size-1 bytes so it stays NUL-terminated. */
    Attr name(int offset, int size, String value) {
        byte[] b = value.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int n = Math.min(b.length, size - 1);
        memory.write(offset, b, 0, n);
        return this;
    }

    int u32(int offset) {
        return memory.getInt(offset);
    }

    long u64(int offset) {
        return memory.getLong(offset);
    }

    Pointer pointer() {
        return memory;
    }

    long size() {
        return memory.size();
    }

    @Override
    public void close() {
        memory.close();
    }
}
