package io.bpfsh.engine.elf;

import static io.bpfsh.engine.elf.BpfObjectBuilder.E_MACHINE;
import static io.bpfsh.engine.elf.BpfObjectBuilder.E_SHNUM;
import static io.bpfsh.engine.elf.BpfObjectBuilder.E_SHOFF;
import static io.bpfsh.engine.elf.BpfObjectBuilder.E_SHSTRNDX;
import static io.bpfsh.engine.elf.BpfObjectBuilder.E_TYPE;
import static io.bpfsh.engine.elf.BpfObjectBuilder.LICENSE;
import static io.bpfsh.engine.elf.BpfObjectBuilder.MAPS;
import static io.bpfsh.engine.elf.BpfObjectBuilder.MAP_SIZE;
import static io.bpfsh.engine.elf.BpfObjectBuilder.PROG;
import static io.bpfsh.engine.elf.BpfObjectBuilder.REL_PROG;
import static io.bpfsh.engine.elf.BpfObjectBuilder.SHSTRTAB;
import static io.bpfsh.engine.elf.BpfObjectBuilder.SH_INFO;
import static io.bpfsh.engine.elf.BpfObjectBuilder.SH_LINK;
import static io.bpfsh.engine.elf.BpfObjectBuilder.SH_NAME;
import static io.bpfsh.engine.elf.BpfObjectBuilder.SH_OFFSET;
import static io.bpfsh.engine.elf.BpfObjectBuilder.SH_SIZE;
import static io.bpfsh.engine.elf.BpfObjectBuilder.SYMTAB;
import static io.bpfsh.engine.elf.BpfObjectBuilder.SYM_MAP;
import static io.bpfsh.engine.elf.BpfObjectBuilder.putInt;
import static io.bpfsh.engine.elf.BpfObjectBuilder.putLong;
import static io.bpfsh.engine.elf.BpfObjectBuilder.putShort;
import static io.bpfsh.engine.elf.BpfObjectBuilder.sectionHeader;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Each specific defect is refused with a one-line message naming the file and the section. */
class ElfFileCorruptionTest {
    private static final int SH_ENTSIZE = 56;
    private static final int SH_TYPE = 4;

    private final byte[] elf = BpfObjectBuilder.minimal();
    private final int length = elf.length;
    /** The fixture before any test patches it, for finding what to patch. */
    private final ElfFile valid = ElfFile.parse("ok.o", elf);

    ElfFileCorruptionTest() throws ElfFormatException { }

    private static String refused(byte[] bytes) {
        ElfFormatException e = assertThrows(ElfFormatException.class, () -> ElfFile.parse("bad.o", bytes));
        String message = e.getMessage();
        assertTrue(message.startsWith("bad.o: "), message);
        assertFalse(message.contains("\n") || message.contains("\r"), message);
        assertEquals("bad.o", e.fileName());
        return message;
    }

    /** The file offset of the fixture's section {@code index}'s data. */
    private long dataOffset(int index) {
        return valid.section(index).orElseThrow().offset();
    }

    private long symbolEntry(int symbol) {
        return dataOffset(SYMTAB) + 24L * symbol;
    }

    // Identification and ELF header

    @Test
    void notElf() {
        assertEquals("bad.o: not an ELF file (bad magic)", refused(new byte[0]));
        assertEquals("bad.o: not an ELF file (bad magic)", refused("\u007fEL".getBytes()));
        elf[1] = 'X';
        assertEquals("bad.o: not an ELF file (bad magic)", refused(elf));
    }

    @Test
    void truncatedHeader() {
        assertEquals("bad.o: truncated ELF header (40 bytes, need 64)", refused(Arrays.copyOf(elf, 40)));
    }

    @Test
    void thirtyTwoBit() {
        elf[4] = 1;
        assertEquals("bad.o: 32-bit ELF is not supported", refused(elf));
        elf[4] = 7;
        assertEquals("bad.o: bad ELF class 7", refused(elf));
    }

    @Test
    void bigEndian() {
        elf[5] = 2;
        assertEquals("bad.o: big-endian ELF is not supported", refused(elf));
    }

    @Test
    void unknownVersion() {
        elf[6] = 2;
        assertEquals("bad.o: unsupported ELF version 2 (expected 1)", refused(elf));
    }

    @Test
    void notRelocatable() {
        putShort(elf, E_TYPE, 2);
        assertEquals("bad.o: not a relocatable object (e_type 2: executable)", refused(elf));
        putShort(elf, E_TYPE, 3);
        assertEquals("bad.o: not a relocatable object (e_type 3: shared object)", refused(elf));
        putShort(elf, E_TYPE, 0xfe00);
        assertEquals("bad.o: not a relocatable object (e_type 65024)", refused(elf));
    }

    @Test
    void wrongMachine() {
        putShort(elf, E_MACHINE, 62);
        assertEquals("bad.o: not an eBPF object (machine 62 (x86-64), expected EM_BPF 247)", refused(elf));
        putShort(elf, E_MACHINE, 183);
        assertEquals("bad.o: not an eBPF object (machine 183 (aarch64), expected EM_BPF 247)", refused(elf));
    }

    // Section header table

    @Test
    void noSectionHeaderTable() {
        putLong(elf, E_SHOFF, 0);
        assertEquals("bad.o: no section header table (e_shoff 0)", refused(elf));
    }

    @Test
    void sectionHeaderTablePastEndOfFile() {
        putLong(elf, E_SHOFF, length - 64);
        assertEquals("bad.o: section header table extends past end of file (offset " + (length - 64)
                + " + size 576 > file size " + length + ")", refused(elf));
        putLong(elf, E_SHOFF, -8);
        assertEquals("bad.o: section header table extends past end of file (offset 18446744073709551608"
                + " + size 576 > file size " + length + ")", refused(elf));
    }

    @Test
    void wrongSectionHeaderSize() {
        putShort(elf, 58, 40);
        assertEquals("bad.o: section header size 40 (expected 64)", refused(elf));
    }

    @Test
    void hugeSectionCount() {
        putShort(elf, E_SHNUM, 0xffff);
        assertTrue(refused(elf).startsWith("bad.o: section header table extends past end of file"));
        putShort(elf, E_SHNUM, 0);
        putLong(elf, sectionHeader(elf, 0) + SH_SIZE, 1L << 40);
        assertEquals("bad.o: too many sections (1099511627776, limit 65536)", refused(elf));
        putLong(elf, sectionHeader(elf, 0) + SH_SIZE, -1);
        assertEquals("bad.o: too many sections (18446744073709551615, limit 65536)", refused(elf));
        putLong(elf, sectionHeader(elf, 0) + SH_SIZE, 0);
        assertEquals("bad.o: no sections (e_shnum 0 and section 0's sh_size 0)", refused(elf));
    }

    @Test
    void badSectionNameTableIndex() {
        putShort(elf, E_SHSTRNDX, 0);
        assertEquals("bad.o: no section name string table (e_shstrndx 0)", refused(elf));
        putShort(elf, E_SHSTRNDX, 9);
        assertEquals("bad.o: e_shstrndx 9 out of range (9 sections)", refused(elf));
        putShort(elf, E_SHSTRNDX, SYMTAB);
        assertEquals("bad.o: section 6 (section name table): not a string table (type 2)", refused(elf));
        putShort(elf, E_SHSTRNDX, 0xffff);
        putInt(elf, sectionHeader(elf, 0) + SH_LINK, 1000);
        assertEquals("bad.o: e_shstrndx 1000 out of range (9 sections)", refused(elf));
    }

    // Sections

    @Test
    void sectionDataPastEndOfFile() {
        putLong(elf, sectionHeader(elf, MAPS) + SH_OFFSET, length - 10);
        assertEquals("bad.o: section 2 (maps/m): data extends past end of file (offset " + (length - 10)
                + " + size 280 > file size " + length + ")", refused(elf));
        putLong(elf, sectionHeader(elf, MAPS) + SH_OFFSET, Long.MAX_VALUE - 5);
        assertEquals("bad.o: section 2 (maps/m): data extends past end of file (offset 9223372036854775802"
                + " + size 280 > file size " + length + ")", refused(elf));
    }

    @Test
    void relocationTablePastEndOfFile() {
        putLong(elf, sectionHeader(elf, REL_PROG) + SH_SIZE, 1L << 32);
        assertTrue(refused(elf).startsWith(
                "bad.o: section 5 (.relsocket/x): relocation table extends past end of file (offset "));
    }

    @Test
    void hugeSectionSize() {
        putLong(elf, sectionHeader(elf, 4) + SH_SIZE, -1);
        assertEquals("bad.o: section 4 (.bss): size 18446744073709551615 is too large", refused(elf));
    }

    @Test
    void sectionNameOutsideSectionNameTable() {
        long size = valid.section(SHSTRTAB).orElseThrow().size();
        putInt(elf, sectionHeader(elf, MAPS) + SH_NAME, 0x10000);
        assertEquals("bad.o: section 2: name offset 65536 is outside section 8 (section name table) (size "
                + size + ")", refused(elf));
        putInt(elf, sectionHeader(elf, MAPS) + SH_NAME, -1);
        assertTrue(refused(elf).startsWith("bad.o: section 2: name offset 4294967295 is outside"));
    }

    @Test
    void sectionNameNotNulTerminated() {
        ElfSection names = valid.section(SHSTRTAB).orElseThrow();
        elf[(int) (names.offset() + names.size() - 1)] = 'x';
        assertEquals("bad.o: section 8: name at offset " + (names.size() - ".shstrtab".length() - 1)
                + " is not NUL-terminated within section 8 (section name table)", refused(elf));
    }

    @Test
    void controlCharactersInNamesAreEscaped() {
        BpfObjectBuilder b = new BpfObjectBuilder();
        int evil = b.section("evil\nname\r", ElfSection.SHT_PROGBITS, 0, 1, new byte[8]);
        byte[] bytes = b.build();
        putLong(bytes, sectionHeader(bytes, evil) + SH_OFFSET, bytes.length);
        assertTrue(refused(bytes).startsWith("bad.o: section 1 (evil\\x0aname\\x0d): data extends"));
    }

    @Test
    void longNamesAreShortenedInMessages() {
        BpfObjectBuilder b = new BpfObjectBuilder();
        int big = b.section("n".repeat(1000), ElfSection.SHT_PROGBITS, 0, 1, new byte[8]);
        byte[] bytes = b.build();
        putLong(bytes, sectionHeader(bytes, big) + SH_OFFSET, bytes.length);
        assertTrue(refused(bytes).startsWith("bad.o: section 1 (" + "n".repeat(61) + "...): data extends"));
    }

    // Symbol table

    @Test
    void symbolTableSizeNotAMultipleOfItsEntries() {
        putLong(elf, sectionHeader(elf, SYMTAB) + SH_SIZE, 6 * 24 - 1);
        assertEquals("bad.o: section 6 (.symtab): size 143 is not a multiple of the symbol entry size 24",
                refused(elf));
    }

    @Test
    void symbolTableEntrySize() {
        putLong(elf, sectionHeader(elf, SYMTAB) + SH_ENTSIZE, 0);
        assertEquals("bad.o: section 6 (.symtab): symbol entry size 0 (expected 24)", refused(elf));
    }

    @Test
    void symbolTableNotLinkedToAStringTable() {
        putInt(elf, sectionHeader(elf, SYMTAB) + SH_LINK, MAPS);
        assertEquals("bad.o: section 6 (.symtab): sh_link 2 is not a string table section", refused(elf));
        putInt(elf, sectionHeader(elf, SYMTAB) + SH_LINK, -1);
        assertEquals("bad.o: section 6 (.symtab): sh_link 4294967295 is not a string table section",
                refused(elf));
    }

    @Test
    void secondSymbolTable() {
        putInt(elf, sectionHeader(elf, MAPS) + SH_TYPE, ElfSection.SHT_SYMTAB);
        assertEquals("bad.o: section 6 (.symtab): second symbol table (the first is section 2 (maps/m))",
                refused(elf));
    }

    @Test
    void symbolNameOutsideStringTable() {
        putInt(elf, (int) symbolEntry(SYM_MAP), 4096);
        assertTrue(refused(elf).startsWith(
                "bad.o: section 6 (.symtab): symbol 4: name offset 4096 is outside section 7 (.strtab)"
                + " (size "));
    }

    @Test
    void symbolSectionIndexOutOfRange() {
        putShort(elf, (int) symbolEntry(SYM_MAP) + 6, 200);
        assertEquals("bad.o: section 6 (.symtab): symbol 4 (m): section index 200 out of range (9 sections)",
                refused(elf));
        putShort(elf, (int) symbolEntry(SYM_MAP) + 6, ElfSymbol.SHN_XINDEX);
        assertEquals("bad.o: section 6 (.symtab): symbol 4 (m): extended section indexes (SHN_XINDEX)"
                + " are not supported", refused(elf));
    }

    @Test
    void overlappingLongNamesCannotExhaustMemory() throws Exception {
        BpfObjectBuilder b = new BpfObjectBuilder();
        b.symbol("A".repeat(1 << 20), ElfSymbol.STB_LOCAL, ElfSymbol.STT_NOTYPE, 0, 0, 0);
        int count = 40_000;
        for (int i = 0; i < count; i++) {
            b.symbol("", ElfSymbol.STB_LOCAL, ElfSymbol.STT_NOTYPE, 0, 0, 0);
        }
        byte[] bytes = b.build();
        long symtab = ElfFile.parse("ok.o", bytes).section(".symtab").orElseThrow().offset();
        for (int i = 0; i < count; i++) {
            // each symbol names a different tail of the 1 MiB name: 40 GB of names if decoded
            putInt(bytes, (int) symtab + 24 * (2 + i), 1 + i);
        }
        assertTrue(refused(bytes).contains(": names exceed "));
    }

    // Relocations

    @Test
    void relocationSymbolIndexOutOfRange() {
        putLong(elf, (int) dataOffset(REL_PROG) + 8, (99L << 32) | ElfRelocation.R_BPF_64_64);
        assertEquals("bad.o: section 5 (.relsocket/x): relocation 0: symbol index 99 out of range"
                + " (symbol table has 6 entries)", refused(elf));
        putLong(elf, (int) dataOffset(REL_PROG) + 8, -1L);
        assertTrue(refused(elf).contains("symbol index 4294967295 out of range"));
    }

    @Test
    void relocationOffsetPastEndOfTarget() throws Exception {
        int entry = (int) dataOffset(REL_PROG);
        putLong(elf, entry, 40);
        assertEquals("bad.o: section 5 (.relsocket/x): relocation 0: offset 40 + 8 is outside"
                + " section 1 (socket/x) (size 40)", refused(elf));
        putLong(elf, entry, 36);
        assertTrue(refused(elf).contains("offset 36 + 8 is outside"));
        putLong(elf, entry, -8);
        assertTrue(refused(elf).contains("offset 18446744073709551608 + 8 is outside"));
        putLong(elf, entry, 32);
        assertEquals(32, ElfFile.parse("ok.o", elf).relocationSections().get(0).relocations().get(0).offset(),
                "the last instruction slot is inside");
    }

    @Test
    void dataRelocationsCoverTheBytesTheirTypePatches() {
        for (int type : new int[] {ElfRelocation.R_BPF_64_ABS32, ElfRelocation.R_BPF_64_ABS64}) {
            int width = type == ElfRelocation.R_BPF_64_ABS64 ? 8 : 4;
            BpfObjectBuilder inside = BpfObjectBuilder.minimalBuilder();
            inside.relocation(MAPS, MAP_SIZE - width, SYM_MAP, type);
            assertDoesNotThrow(() -> ElfFile.parse("ok.o", inside.build()));
            BpfObjectBuilder outside = BpfObjectBuilder.minimalBuilder();
            outside.relocation(MAPS, MAP_SIZE - width + 1, SYM_MAP, type);
            assertTrue(refused(outside.build()).endsWith(": relocation 0: offset " + (MAP_SIZE - width + 1)
                    + " + " + width + " is outside section 2 (maps/m) (size 280)"));
        }
    }

    @Test
    void relocationTableShape() {
        int header = sectionHeader(elf, REL_PROG);
        putLong(elf, header + SH_ENTSIZE, 24);
        assertEquals("bad.o: section 5 (.relsocket/x): relocation entry size 24 (expected 16)", refused(elf));
        putLong(elf, header + SH_ENTSIZE, 16);
        putLong(elf, header + SH_SIZE, 15);
        assertEquals("bad.o: section 5 (.relsocket/x): size 15 is not a multiple of the relocation entry"
                + " size 16", refused(elf));
    }

    @Test
    void relocationTargetMustExist() {
        int header = sectionHeader(elf, REL_PROG);
        putInt(elf, header + SH_INFO, 0);
        assertEquals("bad.o: section 5 (.relsocket/x): sh_info 0 does not name a section (9 sections)",
                refused(elf));
        putInt(elf, header + SH_INFO, 9);
        assertEquals("bad.o: section 5 (.relsocket/x): sh_info 9 does not name a section (9 sections)",
                refused(elf));
    }

    @Test
    void relocationTableMustLinkToTheSymbolTable() {
        putInt(elf, sectionHeader(elf, REL_PROG) + SH_LINK, 7);
        assertEquals("bad.o: section 5 (.relsocket/x): sh_link 7 is not the symbol table"
                + " (section 6 (.symtab))", refused(elf));
        putInt(elf, sectionHeader(elf, SYMTAB) + SH_TYPE, ElfSection.SHT_PROGBITS);
        assertEquals("bad.o: section 5 (.relsocket/x): sh_link 7 is not the symbol table"
                + " (the file has none)", refused(elf));
    }

    @Test
    void secondRelocationTableForOneSection() {
        int rel = sectionHeader(elf, REL_PROG);
        int license = sectionHeader(elf, LICENSE);
        System.arraycopy(elf, rel + SH_TYPE, elf, license + SH_TYPE, 60); // all but the name
        assertEquals("bad.o: section 5 (.relsocket/x): second relocation table for section 1 (socket/x)"
                + " (the first is section 3 (license))", refused(elf));
    }

    @Test
    void relaTablesAreCheckedLikeRelTables() {
        byte[] rela = BpfObjectBuilder.minimalBuilder().withAddends().build();
        putLong(rela, sectionHeader(rela, REL_PROG) + SH_ENTSIZE, 16);
        assertEquals("bad.o: section 5 (.relasocket/x): relocation entry size 16 (expected 24)",
                refused(rela));
    }
}
