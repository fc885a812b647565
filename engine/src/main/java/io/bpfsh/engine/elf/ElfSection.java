package io.bpfsh.engine.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One section header of an {@link ElfFile} and a view of its contents.
 *
 * <p>Values are the header fields as stored; {@code link} and {@code info} are unsigned 32-bit
 * values held in an int. {@code offset} and {@code size} have been checked against the file for
 * every section that has contents, and {@code size} is non-negative for every section.
 *
 * @param data the section's contents; empty for SHT_NOBITS (.bss) and SHT_NULL sections, which
 *     occupy no bytes of the file: a NOBITS section's length is {@link #size()}
 */
public record ElfSection(int index, String name, int type, long flags, long address, long offset,
        long size, int link, int info, long addralign, long entsize, ByteBuffer data) {

    public static final int SHT_NULL = 0;
    public static final int SHT_PROGBITS = 1;
    public static final int SHT_SYMTAB = 2;
    public static final int SHT_STRTAB = 3;
    public static final int SHT_RELA = 4;
    public static final int SHT_NOBITS = 8;
    public static final int SHT_REL = 9;

    public static final long SHF_WRITE = 0x1;
    public static final long SHF_ALLOC = 0x2;
    public static final long SHF_EXECINSTR = 0x4;

    public ElfSection {
        data = data.slice().asReadOnlyBuffer();
    }

    /**
     * A fresh read-only little-endian buffer over exactly this section's contents, positioned at
     * 0, so that callers never share a position.
     */
    @Override
    public ByteBuffer data() {
        return data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Whether the section holds instructions (SHF_EXECINSTR): a program for eBPF objects. */
    public boolean isExecutable() {
        return (flags & SHF_EXECINSTR) != 0;
    }

    /** Whether the section's contents are bytes of the file (not SHT_NULL or SHT_NOBITS). */
    public boolean hasFileData() {
        return hasFileData(type);
    }

    static boolean hasFileData(int type) {
        return type != SHT_NULL && type != SHT_NOBITS;
    }

    /** {@code section 3 (socket/x)}, the form used in error messages; long names are shortened. */
    @Override
    public String toString() {
        return ElfParser.label("section", index, name);
    }
}
