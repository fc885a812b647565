package io.bpfsh.engine.sys;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code union bpf_attr} in native memory, written at the explicit offsets of the UAPI layout
 * (the offsets are given at each use, next to the field name, so a reader can check them against
 * bpf.h). Zero-filled: the kernel requires every byte past the fields it knows to be zero.
 */
final class Attr implements AutoCloseable {
    private final Memory memory;
    /** The fields named for --trace, or null while no one traces (then naming costs nothing). */
    private final List<SyscallEvent.Field> shown;

    Attr(int size) {
        memory = new Memory(size);
        memory.clear();
        shown = SyscallTrace.on() ? new ArrayList<>() : null;
    }

    /**
     * Names a field for the trace, as it is shown: a number, a text ({@link String}) or a kernel
     * constant ({@link SyscallEvent.Symbol}). Only what matters for the command is named; pointers to
     * buffers are not.
     */
    Attr show(String field, Object value) {
        if (shown != null) {
            shown.add(new SyscallEvent.Field(field, value instanceof Integer i ? Long.valueOf(i) : value));
        }
        return this;
    }

    /** A kernel constant for the trace: a map or program type by its bpftool name. */
    Attr show(String field, Enum<?> constant) {
        if (shown != null) {
            shown.add(new SyscallEvent.Field(field, new SyscallEvent.Symbol(constant.name().toLowerCase(java.util.Locale.ROOT))));
        }
        return this;
    }

    /** A NUL-terminated text a pointer field points at (a license), read only when tracing. */
    Attr showText(String field, Pointer cString) {
        if (shown != null && cString != null) {
            shown.add(new SyscallEvent.Field(field, cString.getString(0, "UTF-8")));
        }
        return this;
    }

    /** Whether a listener was there when this attr was made: then its fields are worth naming. */
    boolean tracing() {
        return shown != null;
    }

    /** The fields named so far (empty when not tracing). */
    List<SyscallEvent.Field> shown() {
        return shown == null ? List.of() : shown;
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
