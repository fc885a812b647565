package io.bpfsh.engine.elf;

import static io.bpfsh.engine.elf.BpfObjectBuilder.BSS;
import static io.bpfsh.engine.elf.BpfObjectBuilder.BSS_SIZE;
import static io.bpfsh.engine.elf.BpfObjectBuilder.LICENSE;
import static io.bpfsh.engine.elf.BpfObjectBuilder.MAPS;
import static io.bpfsh.engine.elf.BpfObjectBuilder.MAP_LOAD_OFFSET;
import static io.bpfsh.engine.elf.BpfObjectBuilder.MAP_SIZE;
import static io.bpfsh.engine.elf.BpfObjectBuilder.PROG;
import static io.bpfsh.engine.elf.BpfObjectBuilder.PROGRAM;
import static io.bpfsh.engine.elf.BpfObjectBuilder.REL_PROG;
import static io.bpfsh.engine.elf.BpfObjectBuilder.SHSTRTAB;
import static io.bpfsh.engine.elf.BpfObjectBuilder.STRTAB;
import static io.bpfsh.engine.elf.BpfObjectBuilder.SYMTAB;
import static io.bpfsh.engine.elf.BpfObjectBuilder.SYM_MAP;
import static io.bpfsh.engine.elf.ElfSection.SHF_ALLOC;
import static io.bpfsh.engine.elf.ElfSection.SHF_EXECINSTR;
import static io.bpfsh.engine.elf.ElfSection.SHF_WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader on well-formed objects: exactly what the builder wrote comes back. */
class ElfFileTest {

    private static ElfFile minimal() throws ElfFormatException {
        return ElfFile.parse("minimal.o", BpfObjectBuilder.minimal());
    }

    @Test
    void sectionsComeBackInHeaderOrderWithTheNullSectionAtIndexZero() throws Exception {
        ElfFile elf = minimal();
        assertEquals(List.of("", "socket/x", "maps/m", "license", ".bss", ".relsocket/x",
                ".symtab", ".strtab", ".shstrtab"), elf.sections().stream().map(ElfSection::name).toList());
        for (int i = 0; i < elf.sections().size(); i++) {
            assertEquals(i, elf.sections().get(i).index());
        }
        assertEquals(ElfSection.SHT_NULL, elf.sections().get(0).type());

        ElfSection prog = elf.section("socket/x").orElseThrow();
        assertEquals(PROG, prog.index());
        assertEquals(ElfSection.SHT_PROGBITS, prog.type());
        assertEquals(SHF_ALLOC | SHF_EXECINSTR, prog.flags());
        assertTrue(prog.isExecutable());
        assertEquals(PROGRAM.length, prog.size());
        assertEquals(8, prog.addralign());
        assertArrayEquals(PROGRAM, bytes(prog.data()));
        assertEquals(0x18, prog.data().get(MAP_LOAD_OFFSET), "the ld_imm64 opcode");

        ElfSection maps = elf.section(MAPS).orElseThrow();
        assertEquals("maps/m", maps.name());
        assertEquals(SHF_ALLOC | SHF_WRITE, maps.flags());
        assertFalse(maps.isExecutable());
        assertEquals(MAP_SIZE, maps.size());
        assertArrayEquals(BpfObjectBuilder.mapBytes(), bytes(maps.data()));

        assertEquals("GPL\0", new String(bytes(elf.section(LICENSE).orElseThrow().data()),
                java.nio.charset.StandardCharsets.US_ASCII));

        ElfSection rel = elf.section(REL_PROG).orElseThrow();
        assertEquals(ElfSection.SHT_REL, rel.type());
        assertEquals(SYMTAB, rel.link());
        assertEquals(PROG, rel.info());
        assertEquals(16, rel.entsize());

        ElfSection symtab = elf.section(SYMTAB).orElseThrow();
        assertEquals(ElfSection.SHT_SYMTAB, symtab.type());
        assertEquals(STRTAB, symtab.link());
        assertEquals(24, symtab.entsize());
        assertEquals(ElfSection.SHT_STRTAB, elf.section(SHSTRTAB).orElseThrow().type());
    }

    @Test
    void nobitsSectionsHaveASizeButNoData() throws Exception {
        ElfSection bss = minimal().section(".bss").orElseThrow();
        assertEquals(BSS, bss.index());
        assertEquals(ElfSection.SHT_NOBITS, bss.type());
        assertEquals(BSS_SIZE, bss.size());
        assertFalse(bss.hasFileData());
        assertEquals(0, bss.data().remaining());
    }

    @Test
    void dataIsAFreshReadOnlyLittleEndianViewEachTime() throws Exception {
        ElfSection maps = minimal().section(MAPS).orElseThrow();
        ByteBuffer first = maps.data();
        assertTrue(first.isReadOnly());
        assertEquals(ByteOrder.LITTLE_ENDIAN, first.order());
        first.getLong();
        assertEquals(0, maps.data().position());
        assertEquals(MAP_SIZE, maps.data().remaining());
    }

    @Test
    void symbolsKeepTheNullSymbolSoRelocationIndexesMapDirectly() throws Exception {
        ElfFile elf = minimal();
        assertEquals(List.of(
                new ElfSymbol(0, "", 0, 0, ElfSymbol.STT_NOTYPE, ElfSymbol.STB_LOCAL, 0, ElfSymbol.SHN_UNDEF),
                new ElfSymbol(1, "x.c", 0, 0, ElfSymbol.STT_FILE, ElfSymbol.STB_LOCAL, 0, ElfSymbol.SHN_ABS),
                new ElfSymbol(2, "", 0, 0, ElfSymbol.STT_SECTION, ElfSymbol.STB_LOCAL, 0, PROG),
                new ElfSymbol(3, "prog", 0, PROGRAM.length, ElfSymbol.STT_FUNC, ElfSymbol.STB_GLOBAL, 0, PROG),
                new ElfSymbol(4, "m", 0, MAP_SIZE, ElfSymbol.STT_OBJECT, ElfSymbol.STB_GLOBAL, 0, MAPS),
                new ElfSymbol(5, "_license", 0, 4, ElfSymbol.STT_OBJECT, ElfSymbol.STB_GLOBAL, 0, LICENSE)),
                elf.symbols());
        assertFalse(elf.symbols().get(1).isInSection());
        assertTrue(elf.symbols().get(SYM_MAP).isInSection());
    }

    @Test
    void relocationsAreFoundByTheirTargetSection() throws Exception {
        ElfFile elf = minimal();
        ElfSection prog = elf.section(PROG).orElseThrow();
        ElfRelocationSection table = elf.relocationsFor(prog).orElseThrow();
        assertEquals(List.of(table), elf.relocationSections());
        assertEquals(REL_PROG, table.section().index());
        assertEquals(PROG, table.targetIndex());
        assertFalse(table.hasAddends());
        assertEquals(List.of(new ElfRelocation(MAP_LOAD_OFFSET, SYM_MAP, ElfRelocation.R_BPF_64_64, 0)),
                table.relocations());
        assertEquals("m", elf.symbols().get(table.relocations().get(0).symbolIndex()).name());
        assertEquals(Optional.empty(), elf.relocationsFor(elf.section(MAPS).orElseThrow()));
    }

    @Test
    void lookupsOfMissingSectionsAreEmpty() throws Exception {
        ElfFile elf = minimal();
        assertEquals(Optional.empty(), elf.section("nope"));
        assertEquals(Optional.empty(), elf.section(-1));
        assertEquals(Optional.empty(), elf.section(elf.sections().size()));
    }

    @Test
    void rawBytesAreTheWholeFileForHashing() throws Exception {
        byte[] original = BpfObjectBuilder.minimal();
        ElfFile elf = ElfFile.parse("minimal.o", original);
        assertArrayEquals(original, elf.bytes());
        assertEquals(original.length, elf.size());
        MessageDigest viaView = MessageDigest.getInstance("SHA-1");
        viaView.update(elf.contents());
        assertArrayEquals(MessageDigest.getInstance("SHA-1").digest(original), viaView.digest());
    }

    @Test
    void parseCopiesTheCallersArray() throws Exception {
        byte[] original = BpfObjectBuilder.minimal();
        ElfFile elf = ElfFile.parse("minimal.o", original);
        int mapsOffset = (int) elf.section(MAPS).orElseThrow().offset();
        original[mapsOffset] = 99;
        assertEquals(0, elf.section(MAPS).orElseThrow().data().get(0));
    }

    @Test
    void extendedSectionNumberingInSectionZeroIsFollowed() throws Exception {
        byte[] elf = BpfObjectBuilder.minimal();
        int section0 = BpfObjectBuilder.sectionHeader(elf, 0);
        BpfObjectBuilder.putShort(elf, BpfObjectBuilder.E_SHNUM, 0);
        BpfObjectBuilder.putLong(elf, section0 + BpfObjectBuilder.SH_SIZE, SHSTRTAB + 1);
        BpfObjectBuilder.putShort(elf, BpfObjectBuilder.E_SHSTRNDX, ElfSymbol.SHN_XINDEX);
        BpfObjectBuilder.putInt(elf, section0 + BpfObjectBuilder.SH_LINK, SHSTRTAB);
        ElfFile extended = ElfFile.parse("extended.o", elf);
        assertEquals(minimal().sections().stream().map(ElfSection::name).toList(),
                extended.sections().stream().map(ElfSection::name).toList());
        assertEquals(minimal().symbols(), extended.symbols());
    }

    @Test
    void relaTablesAreReportedWithTheirAddendsForCallersToRefuse() throws Exception {
        ElfFile elf = ElfFile.parse("rela.o", BpfObjectBuilder.minimalBuilder().withAddends().build());
        ElfSection rela = elf.section(".relasocket/x").orElseThrow();
        assertEquals(ElfSection.SHT_RELA, rela.type());
        ElfRelocationSection table = elf.relocationsFor(elf.section(PROG).orElseThrow()).orElseThrow();
        assertSame(rela, table.section());
        assertTrue(table.hasAddends());
        assertEquals(List.of(new ElfRelocation(MAP_LOAD_OFFSET, SYM_MAP, ElfRelocation.R_BPF_64_64, 100)),
                table.relocations());
    }

    @Test
    void anObjectWithOnlyTheNullSymbolAndNoRelocations() throws Exception {
        BpfObjectBuilder b = new BpfObjectBuilder();
        b.section("license", ElfSection.SHT_PROGBITS, SHF_ALLOC, 1, new byte[] {'G', 'P', 'L', 0});
        ElfFile elf = ElfFile.parse("bare.o", b.build());
        assertEquals(List.of(new ElfSymbol(0, "", 0, 0, 0, 0, 0, 0)), elf.symbols());
        assertEquals(List.of(), elf.relocationSections());
    }

    @Test
    void readLoadsTheFileAndNamesItInErrors(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("prog.o");
        Files.write(file, BpfObjectBuilder.minimal());
        ElfFile elf = ElfFile.read(file);
        assertEquals(file.toString(), elf.fileName());
        assertEquals(minimal().symbols(), elf.symbols());

        Path missing = dir.resolve("missing.o");
        assertEquals(missing + ": cannot read file (no such file)",
                assertThrows(ElfFormatException.class, () -> ElfFile.read(missing)).getMessage());
        assertEquals(dir + ": is a directory, not an object file",
                assertThrows(ElfFormatException.class, () -> ElfFile.read(dir)).getMessage());
    }

    @Test
    void readRefusesHugeFilesBeforeReadingThem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("huge.o");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(ElfFile.MAX_FILE_SIZE + 1);
        }
        ElfFormatException e = assertThrows(ElfFormatException.class, () -> ElfFile.read(file));
        assertEquals(file + ": file too large (67108865 bytes, limit 64 MiB)", e.getMessage());
        // issue 10.6: a 100 MB object was read whole (and ran a small heap out of memory)
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(100_000_000);
        }
        e = assertThrows(ElfFormatException.class, () -> ElfFile.read(file));
        assertEquals(file + ": file too large (100000000 bytes, limit 64 MiB)", e.getMessage());
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }
}
