package io.bpfsh.engine.elf;

/**
 * One program header of a host binary. PT_LOAD segments map {@code fileSize} bytes at {@code offset}
 * of the file to {@code vaddr}; the reader checked that those bytes lie inside the file.
 */
public record ElfSegment(int type, int flags, long offset, long vaddr, long fileSize, long memSize) {
    public static final int PT_LOAD = 1;
    public static final int PF_X = 1;

    /** Whether the virtual address lies in this segment's memory image. */
    public boolean contains(long address) {
        return type == PT_LOAD && address >= vaddr && address - vaddr < memSize;
    }
}
