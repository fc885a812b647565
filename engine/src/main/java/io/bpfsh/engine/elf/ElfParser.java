package io.bpfsh.engine.elf;

import static io.bpfsh.engine.elf.ElfSection.SHT_NOBITS;
import static io.bpfsh.engine.elf.ElfSection.SHT_REL;
import static io.bpfsh.engine.elf.ElfSection.SHT_RELA;
import static io.bpfsh.engine.elf.ElfSection.SHT_STRTAB;
import static io.bpfsh.engine.elf.ElfSection.SHT_SYMTAB;
import static io.bpfsh.engine.elf.ElfSymbol.SHN_LORESERVE;
import static io.bpfsh.engine.elf.ElfSymbol.SHN_XINDEX;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The checking parse behind {@link ElfFile}: one instance per file.
 *
 * <p>Discipline: no field is read before the range holding it has been checked against the file,
 * offsets and sizes are compared by subtraction from the file length (never summed, so nothing
 * overflows), and no array is sized from a count before the count has been checked both against
 * the bytes that must hold it and against a cap. The caps keep a hostile file from costing more
 * memory than a small multiple of its size; real eBPF objects are far below them.
 *
 * <p>One class for the whole format, although long: the header, section, symbol and relocation reads
 * share the file's bounds and caps, and keeping every check next to the read it guards is what makes
 * the discipline above reviewable.
 */
final class ElfParser {
    static final int MAX_SECTIONS = 1 << 16;
    static final int MAX_SYMBOLS = 1 << 20;
    static final int MAX_RELOCATIONS = 1 << 21;
    /**
     * Names may overlap in a string table (a name can be the tail of another), so a small table
     * could yield huge numbers of long names; decoded name bytes are limited to this plus the
     * file size.
     */
    static final long NAME_BYTES_BEYOND_FILE_SIZE = 16L << 20;

    private static final int EHDR_SIZE = 64;
    private static final int SHDR_SIZE = 64;
    private static final int SYM_SIZE = 24;
    private static final int REL_SIZE = 16;
    private static final int RELA_SIZE = 24;
    private static final int ET_REL = 1;
    private static final int ET_EXEC = 2;
    private static final int ET_DYN = 3;
    private static final int EM_X86_64 = 62;
    private static final int EM_AARCH64 = 183;
    private static final int PHDR_SIZE = 56;
    private static final int SHT_DYNSYM = 11;
    private static final int LABEL_NAME_LIMIT = 64;

    private final String fileName;
    private final byte[] bytes;
    private final ByteBuffer le;
    private final long nameBytesLimit;
    private long nameBytesLeft;

    ElfParser(String fileName, byte[] bytes) {
        this.fileName = fileName;
        this.bytes = bytes;
        this.le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        this.nameBytesLimit = NAME_BYTES_BEYOND_FILE_SIZE + bytes.length;
        this.nameBytesLeft = nameBytesLimit;
    }

    ElfFile parse() throws ElfFormatException {
        checkIdentification();
        checkObjectType();
        List<ElfSection> sections = readSections();
        ElfSection symtab = null;
        for (ElfSection s : sections) {
            if (s.type() == SHT_SYMTAB) {
                if (symtab != null) {
                    throw fail(s + ": second symbol table (the first is " + symtab + ")");
                }
                symtab = s;
            }
        }
        List<ElfSymbol> symbols = symtab == null ? List.of() : readSymbols(symtab, sections);
        return new ElfFile(fileName, bytes, sections, symbols,
                readRelocationSections(sections, symtab, symbols.size()));
    }

    private void checkIdentification() throws ElfFormatException {
        if (bytes.length < 4 || bytes[0] != 0x7f || bytes[1] != 'E' || bytes[2] != 'L'
                || bytes[3] != 'F') {
            throw fail("not an ELF file (bad magic)");
        }
        if (bytes.length < EHDR_SIZE) {
            throw fail("truncated ELF header (" + bytes.length + " bytes, need " + EHDR_SIZE + ")");
        }
        switch (bytes[4]) {
            case 2 -> { }
            case 1 -> throw fail("32-bit ELF is not supported");
            default -> throw fail("bad ELF class " + u8(4));
        }
        switch (bytes[5]) {
            case 1 -> { }
            case 2 -> throw fail("big-endian ELF is not supported");
            default -> throw fail("bad ELF data encoding " + u8(5));
        }
        if (bytes[6] != 1) {
            throw fail("unsupported ELF version " + u8(6) + " (expected 1)");
        }
    }

    /** e_type ET_REL and e_machine EM_BPF: an eBPF object. */
    private void checkObjectType() throws ElfFormatException {
        int type = u16(16);
        if (type != ET_REL) {
            String kind = switch (type) {
                case 0 -> ": no file type";
                case 2 -> ": executable";
                case 3 -> ": shared object";
                case 4 -> ": core";
                default -> "";
            };
            throw fail("not a relocatable object (e_type " + type + kind + ")");
        }
        int machine = u16(18);
        // old LLVM wrote EM_NONE into BPF objects (gobpf's tests/dummy*.o); libbpf accepts them too
        if (machine != ElfFile.EM_BPF && machine != ElfFile.EM_NONE) {
            String arch = switch (machine) {
                case 3 -> " (i386)";
                case 40 -> " (arm)";
                case 62 -> " (x86-64)";
                case 183 -> " (aarch64)";
                case 243 -> " (riscv)";
                default -> "";
            };
            throw fail("not an eBPF object (machine " + machine + arch + ", expected EM_BPF "
                    + ElfFile.EM_BPF + ")");
        }
    }

    /**
     * A host executable or shared library (ET_EXEC or ET_DYN for x86-64 or aarch64): sections,
     * the symbols of .symtab and .dynsym, and the program headers, checked as an object's are.
     */
    ElfBinary parseBinary() throws ElfFormatException {
        checkIdentification();
        int type = u16(16);
        if (type != ET_EXEC && type != ET_DYN) {
            throw fail("not an executable or shared library (e_type " + type + ")");
        }
        int machine = u16(18);
        if (machine != EM_X86_64 && machine != EM_AARCH64) {
            throw fail("machine " + machine + " is neither x86-64 (62) nor aarch64 (183)");
        }
        List<ElfSection> sections = readSections();
        List<ElfSymbol> symbols = new ArrayList<>();
        for (ElfSection s : sections) {
            if (s.type() == SHT_SYMTAB || s.type() == SHT_DYNSYM) {
                if (symbols.size() > MAX_SYMBOLS) {
                    throw fail("too many symbols (limit " + MAX_SYMBOLS + ")");
                }
                symbols.addAll(readSymbols(s, sections));
            }
        }
        return new ElfBinary(fileName, type, machine, sections, symbols, readSegments());
    }

    private List<ElfSegment> readSegments() throws ElfFormatException {
        long phoff = i64(32);
        int phentsize = u16(54);
        int count = u16(56);
        if (count == 0) {
            return List.of();
        }
        if (phentsize != PHDR_SIZE) {
            throw fail("program header size " + phentsize + " (expected " + PHDR_SIZE + ")");
        }
        checkInFile("program header table", phoff, (long) count * PHDR_SIZE);
        List<ElfSegment> segments = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long h = phoff + (long) i * PHDR_SIZE;
            long offset = i64(h + 8);
            long fileSize = i64(h + 32);
            long memSize = i64(h + 40);
            int segType = (int) u32(h);
            if (segType == ElfSegment.PT_LOAD) {
                checkInFile("program header " + i + ": segment", offset, fileSize);
                if (memSize < 0 || i64(h + 16) < 0 || memSize > Long.MAX_VALUE - i64(h + 16)) {
                    throw fail("program header " + i + ": segment address range overflows");
                }
            }
            segments.add(new ElfSegment(segType, (int) u32(h + 4), offset, i64(h + 16), fileSize, memSize));
        }
        return segments;
    }

    private List<ElfSection> readSections() throws ElfFormatException {
        long shoff = i64(40);
        int shentsize = u16(58);
        long count = u16(60);
        long shstrndx = u16(62);
        if (shoff == 0) {
            throw fail("no section header table (e_shoff 0)");
        }
        if (shentsize != SHDR_SIZE) {
            throw fail("section header size " + shentsize + " (expected " + SHDR_SIZE + ")");
        }
        if (count == 0 || shstrndx == SHN_XINDEX) {
            // extended numbering: values too large for the ELF header live in section 0
            checkInFile("section header 0", shoff, SHDR_SIZE);
            if (count == 0) {
                count = i64(shoff + 32);
                if (count == 0) {
                    throw fail("no sections (e_shnum 0 and section 0's sh_size 0)");
                }
            }
            if (shstrndx == SHN_XINDEX) {
                shstrndx = u32(shoff + 40);
            }
        }
        if (count < 0 || count > MAX_SECTIONS) {
            throw fail("too many sections (" + unsigned(count) + ", limit " + MAX_SECTIONS + ")");
        }
        checkInFile("section header table", shoff, count * SHDR_SIZE);
        if (shstrndx == 0) {
            throw fail("no section name string table (e_shstrndx 0)");
        }
        if (shstrndx >= count) {
            throw fail("e_shstrndx " + shstrndx + " out of range (" + count + " sections)");
        }

        long namesHeader = shoff + shstrndx * SHDR_SIZE;
        String namesLabel = "section " + shstrndx + " (section name table)";
        if (u32(namesHeader + 4) != SHT_STRTAB) {
            throw fail(namesLabel + ": not a string table (type " + u32(namesHeader + 4) + ")");
        }
        long namesOffset = i64(namesHeader + 24);
        long namesSize = i64(namesHeader + 32);
        checkInFile(namesLabel + ": string table", namesOffset, namesSize);

        List<ElfSection> sections = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            long h = shoff + (long) i * SHDR_SIZE;
            String name = string(namesLabel, namesOffset, namesSize, u32(h), "section " + i + ": name");
            int type = (int) u32(h + 4);
            long offset = i64(h + 24);
            long size = i64(h + 32);
            String label = label("section", i, name);
            if (size < 0) {
                throw fail(label + ": size " + unsigned(size) + " is too large");
            }
            ByteBuffer data = ByteBuffer.allocate(0);
            if (ElfSection.hasFileData(type)) {
                checkInFile(label + ": " + contentsNoun(type), offset, size);
                data = ByteBuffer.wrap(bytes, (int) offset, (int) size);
            }
            sections.add(new ElfSection(i, name, type, i64(h + 8), i64(h + 16), offset, size,
                    (int) u32(h + 40), (int) u32(h + 44), i64(h + 48), i64(h + 56), data));
        }
        return sections;
    }

    private List<ElfSymbol> readSymbols(ElfSection symtab, List<ElfSection> sections)
            throws ElfFormatException {
        long count = entries(symtab, SYM_SIZE, "symbol");
        if (count > MAX_SYMBOLS) {
            throw fail(symtab + ": too many symbols (" + count + ", limit " + MAX_SYMBOLS + ")");
        }
        int link = symtab.link();
        if (link <= 0 || link >= sections.size() || sections.get(link).type() != SHT_STRTAB) {
            throw fail(symtab + ": sh_link " + Integer.toUnsignedString(link)
                    + " is not a string table section");
        }
        ElfSection strtab = sections.get(link);
        List<ElfSymbol> symbols = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            long e = symtab.offset() + (long) i * SYM_SIZE;
            String name = string(strtab.toString(), strtab.offset(), strtab.size(), u32(e),
                    symtab + ": symbol " + i + ": name");
            int info = u8(e + 4);
            int sectionIndex = u16(e + 6);
            String label = symtab + ": " + label("symbol", i, name);
            if (sectionIndex == SHN_XINDEX) {
                throw fail(label + ": extended section indexes (SHN_XINDEX) are not supported");
            }
            if (sectionIndex < SHN_LORESERVE && sectionIndex >= sections.size()) {
                throw fail(label + ": section index " + sectionIndex + " out of range ("
                        + sections.size() + " sections)");
            }
            symbols.add(new ElfSymbol(i, name, i64(e + 8), i64(e + 16), info & 0xf, info >>> 4,
                    u8(e + 5) & 0x3, sectionIndex));
        }
        return symbols;
    }

    private List<ElfRelocationSection> readRelocationSections(List<ElfSection> sections,
            ElfSection symtab, int symbolCount) throws ElfFormatException {
        List<ElfRelocationSection> tables = new ArrayList<>();
        ElfRelocationSection[] byTarget = new ElfRelocationSection[sections.size()];
        long total = 0;
        for (ElfSection s : sections) {
            if (s.type() != SHT_REL && s.type() != SHT_RELA) {
                continue;
            }
            boolean rela = s.type() == SHT_RELA;
            int entrySize = rela ? RELA_SIZE : REL_SIZE;
            long count = entries(s, entrySize, "relocation");
            if (count > MAX_RELOCATIONS - total) {
                throw fail(s + ": too many relocations (" + (total + count) + " in the file, limit "
                        + MAX_RELOCATIONS + ")");
            }
            total += count;
            int info = s.info();
            if (info <= 0 || info >= sections.size()) {
                throw fail(s + ": sh_info " + Integer.toUnsignedString(info)
                        + " does not name a section (" + sections.size() + " sections)");
            }
            ElfSection target = sections.get(info);
            if (symtab == null || s.link() != symtab.index()) {
                throw fail(s + ": sh_link " + Integer.toUnsignedString(s.link())
                        + " is not the symbol table"
                        + (symtab == null ? " (the file has none)" : " (" + symtab + ")"));
            }
            if (byTarget[info] != null) {
                throw fail(s + ": second relocation table for " + target + " (the first is "
                        + byTarget[info].section() + ")");
            }
            List<ElfRelocation> relocations = new ArrayList<>((int) count);
            for (int i = 0; i < count; i++) {
                long e = s.offset() + (long) i * entrySize;
                long offset = i64(e);
                long rInfo = i64(e + 8);
                long symbol = rInfo >>> 32;
                int type = (int) rInfo;
                if (symbol >= symbolCount) {
                    throw fail(s + ": relocation " + i + ": symbol index " + symbol
                            + " out of range (symbol table has " + symbolCount + " entries)");
                }
                int width = patchedBytes(target, type);
                // size >= 0 for every section, so size - width cannot overflow
                if (offset < 0 || offset > target.size() - width) {
                    throw fail(s + ": relocation " + i + ": offset " + unsigned(offset) + " + "
                            + width + " is outside " + target + " (size " + target.size() + ")");
                }
                relocations.add(new ElfRelocation(offset, (int) symbol, type, rela ? i64(e + 16) : 0));
            }
            ElfRelocationSection table = new ElfRelocationSection(s, target, relocations);
            byTarget[info] = table;
            tables.add(table);
        }
        return tables;
    }

    private static String contentsNoun(int type) {
        return switch (type) {
            case SHT_SYMTAB -> "symbol table";
            case SHT_STRTAB -> "string table";
            case SHT_REL, SHT_RELA -> "relocation table";
            default -> "data";
        };
    }

    /** The bytes a relocation of {@code type} touches at its offset in {@code target}. */
    private static int patchedBytes(ElfSection target, int type) {
        if (target.isExecutable()) {
            return 8; // one instruction slot
        }
        return type == ElfRelocation.R_BPF_64_64 || type == ElfRelocation.R_BPF_64_ABS64 ? 8 : 4;
    }

    /** Checks a table's entry size and that its size is a whole number of entries; the count. */
    private long entries(ElfSection table, int entrySize, String what) throws ElfFormatException {
        if (table.entsize() != entrySize) {
            throw fail(table + ": " + what + " entry size " + unsigned(table.entsize())
                    + " (expected " + entrySize + ")");
        }
        if (table.size() % entrySize != 0) {
            throw fail(table + ": size " + table.size() + " is not a multiple of the " + what
                    + " entry size " + entrySize);
        }
        return table.size() / entrySize;
    }

    /** The NUL-terminated string at {@code offset} of the string table at tableOffset. */
    private String string(String table, long tableOffset, long tableSize, long offset, String what)
            throws ElfFormatException {
        if (offset >= tableSize) {
            throw fail(what + " offset " + offset + " is outside " + table + " (size " + tableSize
                    + ")");
        }
        int start = (int) (tableOffset + offset);
        int end = (int) (tableOffset + tableSize);
        int limit = (int) Math.min(end, start + nameBytesLeft);
        int nul = start;
        while (nul < limit && bytes[nul] != 0) {
            nul++;
        }
        if (nul == end) {
            throw fail(what + " at offset " + offset + " is not NUL-terminated within " + table);
        }
        if (nul == limit) {
            throw fail(what + ": names exceed " + nameBytesLimit + " bytes in total");
        }
        nameBytesLeft -= nul - start + 1;
        return new String(bytes, start, nul - start, StandardCharsets.UTF_8);
    }

    /**
     * Checks that [offset, offset + size) lies inside the file. Compares by subtraction so that
     * no sum can overflow; offsets and sizes are unsigned in the file, so negative means huge.
     */
    private void checkInFile(String what, long offset, long size) throws ElfFormatException {
        if (offset < 0 || size < 0 || offset > bytes.length || size > bytes.length - offset) {
            throw fail(what + " extends past end of file (offset " + unsigned(offset) + " + size "
                    + unsigned(size) + " > file size " + bytes.length + ")");
        }
    }

    /** {@code section 3 (socket/x)}, or {@code section 3} when unnamed; long names shortened. */
    static String label(String kind, long index, String name) {
        if (name.isEmpty()) {
            return kind + " " + index;
        }
        String shown = name.length() <= LABEL_NAME_LIMIT ? name
                : name.substring(0, LABEL_NAME_LIMIT - 3) + "...";
        return kind + " " + index + " (" + shown + ")";
    }

    private ElfFormatException fail(String problem) {
        return new ElfFormatException(fileName, problem);
    }

    private static String unsigned(long value) {
        return Long.toUnsignedString(value);
    }

    // Readers for ranges already checked to lie inside the file.

    private int u8(long offset) {
        return bytes[(int) offset] & 0xff;
    }

    private int u16(long offset) {
        return le.getShort((int) offset) & 0xffff;
    }

    private long u32(long offset) {
        return le.getInt((int) offset) & 0xffffffffL;
    }

    private long i64(long offset) {
        return le.getLong((int) offset);
    }
}
