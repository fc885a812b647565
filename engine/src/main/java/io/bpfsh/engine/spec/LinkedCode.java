package io.bpfsh.engine.spec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** The instructions of a program being linked: appended to as subprograms are placed, patched in place. */
final class LinkedCode {
    private static final int INSN = 8;

    private byte[] bytes;
    private int size;

    LinkedCode(byte[] source, int offset, int length) {
        bytes = Arrays.copyOfRange(source, offset, offset + length);
        size = length;
    }

    /** Appends instructions; returns the instruction index where they start. */
    int append(byte[] source, int offset, int length) {
        int start = size / INSN;
        if (size + length > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(size + length, bytes.length * 2));
        }
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
        return start;
    }

    int opcode(int insn) {
        return bytes[insn * INSN] & 0xff;
    }

    /** The source register of an instruction (the high nibble of its second byte). */
    int sourceRegister(int insn) {
        return (bytes[insn * INSN + 1] >> 4) & 0xf;
    }

    int imm(int insn) {
        return view().getInt(insn * INSN + 4);
    }

    void setImm(int insn, int imm) {
        view().putInt(insn * INSN + 4, imm);
    }

    /** A little-endian view of the instructions so far (shares the bytes until the next append). */
    ByteBuffer view() {
        return ByteBuffer.wrap(bytes, 0, size).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    byte[] toArray() {
        return Arrays.copyOf(bytes, size);
    }
}
