package io.bpfsh.engine.elf;

/**
 * One entry of the symbol table (SHT_SYMTAB).
 *
 * <p>{@code value} and {@code size} are unsigned 64-bit values held in a long. STT_SECTION
 * symbols usually have an empty name: their section is {@code sectionIndex}.
 *
 * @param index position in the symbol table; relocations refer to symbols by it
 * @param sectionIndex st_shndx: a section index, or one of SHN_UNDEF, SHN_ABS, SHN_COMMON (or
 *     another reserved value from 0xff00 up, kept as stored); never SHN_XINDEX, which the
 *     reader refuses
 */
public record ElfSymbol(int index, String name, long value, long size, int type, int bind,
        int visibility, int sectionIndex) {

    public static final int STT_NOTYPE = 0;
    public static final int STT_OBJECT = 1;
    public static final int STT_FUNC = 2;
    public static final int STT_SECTION = 3;
    public static final int STT_FILE = 4;

    public static final int STB_LOCAL = 0;
    public static final int STB_GLOBAL = 1;
    public static final int STB_WEAK = 2;

    public static final int STV_DEFAULT = 0;
    public static final int STV_INTERNAL = 1;
    public static final int STV_HIDDEN = 2;
    public static final int STV_PROTECTED = 3;

    public static final int SHN_UNDEF = 0;
    public static final int SHN_LORESERVE = 0xff00;
    public static final int SHN_ABS = 0xfff1;
    public static final int SHN_COMMON = 0xfff2;
    public static final int SHN_XINDEX = 0xffff;

    /** Whether the symbol is defined in a section of the file (not undefined, absolute, common). */
    public boolean isInSection() {
        return sectionIndex != SHN_UNDEF && sectionIndex < SHN_LORESERVE;
    }
}
