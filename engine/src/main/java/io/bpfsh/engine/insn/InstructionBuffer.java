package io.bpfsh.engine.insn;

import java.util.Arrays;

/**
 * A growable program of instructions, addressed by instruction index: linking appends subprograms
 * and patches calls, loading patches map references into ld_imm64 pairs. Appending doubles the
 * capacity, so linking stays linear in the program's size.
 */
public final class InstructionBuffer {
    private byte[] bytes;
    private int size;

    private InstructionBuffer(byte[] bytes, int size) {
        this.bytes = bytes;
        this.size = size;
    }

    /** A copy of {@code length} bytes of code at {@code offset} (both multiples of {@link Instruction#SIZE}). */
    public static InstructionBuffer copyOf(byte[] source, int offset, int length) {
        checkAligned(offset, length);
        return new InstructionBuffer(Arrays.copyOfRange(source, offset, offset + length), length);
    }

    public static InstructionBuffer copyOf(byte[] code) {
        return copyOf(code, 0, code.length);
    }

    /** Appends instructions; returns the instruction index where they start. */
    public int append(byte[] source, int offset, int length) {
        checkAligned(offset, length);
        int start = count();
        if (size + length > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(size + length, bytes.length * 2));
        }
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
        return start;
    }

    public int count() {
        return size / Instruction.SIZE;
    }

    public Instruction get(int index) {
        return Instruction.decode(bytes, at(index));
    }

    public void set(int index, Instruction insn) {
        insn.encode(bytes, at(index));
    }

    /** True when {@code index} starts an ld_imm64 whose second half is inside the program. */
    public boolean isCompleteLdImm64(int index) {
        return get(index).isLdImm64() && index + 1 < count();
    }

    /**
     * Points the ld_imm64 at {@code index} at a map: its source becomes {@link Pseudo#MAP_FD} and its
     * immediate the FD, or for {@link Pseudo#MAP_VALUE} also the value offset in the second half.
     */
    public void setMapReference(int index, int pseudo, int mapFd, int valueOffset) {
        if (!isCompleteLdImm64(index)) {
            throw new IllegalArgumentException("instruction " + index + " is not a complete ld_imm64");
        }
        set(index, get(index).withSrc(pseudo).withImm(mapFd));
        if (pseudo == Pseudo.MAP_VALUE) {
            set(index + 1, get(index + 1).withImm(valueOffset));
        }
    }

    /** Gives the ld_imm64 at {@code index} the 64-bit constant {@code value} (low half first, as the kernel reads it). */
    public void setImm64(int index, long value) {
        if (!isCompleteLdImm64(index)) {
            throw new IllegalArgumentException("instruction " + index + " is not a complete ld_imm64");
        }
        set(index, get(index).withImm((int) value));
        set(index + 1, get(index + 1).withImm((int) (value >>> 32)));
    }

    public byte[] toArray() {
        return Arrays.copyOf(bytes, size);
    }

    private int at(int index) {
        if (index < 0 || index >= count()) {
            throw new IndexOutOfBoundsException("instruction " + index + " of " + count());
        }
        return index * Instruction.SIZE;
    }

    private static void checkAligned(int offset, int length) {
        if (offset % Instruction.SIZE != 0 || length % Instruction.SIZE != 0) {
            throw new IllegalArgumentException("code at " + offset + " length " + length
                    + " is not whole instructions");
        }
    }
}
