package io.bpfsh.engine.elf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An eBPF object file: a 64-bit little-endian relocatable ELF file for EM_BPF, read whole into
 * memory, with its section headers, symbol table and relocation tables decoded and checked.
 *
 * <p>Why no ELF library: the JDK has none, and the common Java ones either do not read SHT_REL
 * sections reliably or are not hardened against corrupt input. Object files are untrusted input
 * (the shell loads whatever path it is given), and a bounded reader of the few structures a BPF
 * loader needs is smaller than vetting a library.
 *
 * <p>Every offset, size, index and count is checked against the file before use (see
 * {@link ElfParser}), and counts are capped so that a hostile file cannot make the reader
 * allocate much more than its own size. A defect is reported as an {@link ElfFormatException};
 * no other exception comes out of {@link #read} or {@link #parse} (short of null arguments, a
 * programming error), and once an {@code ElfFile}
 * exists nothing in it throws because of the file's contents. Checked:
 * <ul>
 *   <li>the ELF identification, e_type ET_REL and e_machine EM_BPF;
 *   <li>the section header table (e_shoff, e_shentsize 64, e_shnum and e_shstrndx, including the
 *       extended numbering kept in section 0 when they overflow 16 bits) lies inside the file;
 *   <li>every section with contents lies inside the file; section and symbol names lie inside
 *       their string table and end with a NUL within it;
 *   <li>at most one symbol table, entry size 24, size a multiple of it, sh_link a string table;
 *       symbol section indexes name an existing section or a reserved index (not SHN_XINDEX);
 *   <li>relocation tables: entry size 16 (SHT_REL) or 24 (SHT_RELA), size a multiple of it,
 *       sh_info an existing section with no other relocation table, sh_link the symbol table;
 *       each entry's symbol index is inside the symbol table and the bytes it patches are inside
 *       the target section: the whole 8-byte instruction slot at r_offset in an executable
 *       section (decoding an ld_imm64's second slot is the loader's business), elsewhere 8
 *       bytes for the 64-bit types R_BPF_64_64 and R_BPF_64_ABS64 and 4 for the others.
 * </ul>
 * Not checked: instruction contents, symbol values against their section, relocation types.
 */
public final class ElfFile {
    /**
     * Larger files are refused before a byte is read: real eBPF objects are a few MiB at most (the
     * largest kernel selftest objects and Cilium's datapath objects stay under 10 MiB with BTF), and
     * reading, parsing and fixing up an object takes a few times its size in heap.
     */
    public static final long MAX_FILE_SIZE = 64L << 20;
    public static final int EM_BPF = 247;
    /** No machine: what LLVM before 3.9 wrote into BPF objects. Accepted, as libbpf does. */
    public static final int EM_NONE = 0;

    private final String fileName;
    private final byte[] bytes;
    private final List<ElfSection> sections;
    private final List<ElfSymbol> symbols;
    private final List<ElfRelocationSection> relocationSections;
    private final ElfRelocationSection[] relocationsByTarget;

    ElfFile(String fileName, byte[] bytes, List<ElfSection> sections, List<ElfSymbol> symbols,
            List<ElfRelocationSection> relocationSections) {
        this.fileName = fileName;
        this.bytes = bytes;
        this.sections = List.copyOf(sections);
        this.symbols = List.copyOf(symbols);
        this.relocationSections = List.copyOf(relocationSections);
        this.relocationsByTarget = new ElfRelocationSection[sections.size()];
        for (ElfRelocationSection r : relocationSections) {
            relocationsByTarget[r.targetIndex()] = r;
        }
    }

    /**
     * Reads and checks the file at {@code file}; error messages name it as {@code file.toString()}.
     */
    public static ElfFile read(Path file) throws ElfFormatException {
        String fileName = file.toString();
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                // a FIFO or device could block or never end
                throw new ElfFormatException(fileName, attributes.isDirectory()
                        ? "is a directory, not an object file" : "not a regular file");
            }
            checkSize(fileName, attributes.size());
            byte[] bytes = new byte[(int) attributes.size()];
            try (InputStream in = Files.newInputStream(file)) {
                // read exactly the size checked above, so that a growing file cannot exceed it
                if (in.readNBytes(bytes, 0, bytes.length) < bytes.length || in.read() != -1) {
                    throw new ElfFormatException(fileName, "file changed size while being read");
                }
            }
            return new ElfParser(fileName, bytes).parse();
        } catch (IOException e) {
            throw new ElfFormatException(fileName, "cannot read file (" + reason(e) + ")", e);
        }
    }

    /**
     * Checks {@code bytes} as the contents of a file named {@code fileName} (used only in
     * messages). The array is copied, so later changes to it do not affect the result.
     */
    public static ElfFile parse(String fileName, byte[] bytes) throws ElfFormatException {
        Objects.requireNonNull(fileName, "fileName");
        checkSize(fileName, bytes.length);
        return new ElfParser(fileName, bytes.clone()).parse();
    }

    private static void checkSize(String fileName, long size) throws ElfFormatException {
        if (size > MAX_FILE_SIZE) {
            throw new ElfFormatException(fileName, "file too large (" + size
                    + " bytes, limit " + (MAX_FILE_SIZE >> 20) + " MiB)");
        }
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        // a FileSystemException's message repeats the path; its reason alone does not
        String why = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
        return why != null ? why : e.getClass().getSimpleName();
    }

    /** The file name given to {@link #read} or {@link #parse}, as used in error messages. */
    public String fileName() {
        return fileName;
    }

    /** The file's length in bytes. */
    public int size() {
        return bytes.length;
    }

    /** A copy of the whole file, e.g. to hash it. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** A read-only view of the whole file, without copying (MessageDigest.update takes one). */
    public ByteBuffer contents() {
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * All sections in header order, including the null section at index 0, so that
     * {@code sections().get(i).index() == i} and section indexes in symbols and headers map
     * directly.
     */
    public List<ElfSection> sections() {
        return sections;
    }

    /** The section at {@code index}; empty for indexes outside the section header table. */
    public Optional<ElfSection> section(int index) {
        return index >= 0 && index < sections.size()
                ? Optional.of(sections.get(index)) : Optional.empty();
    }

    /** The first section named {@code name} in header order (ELF does not forbid duplicates). */
    public Optional<ElfSection> section(String name) {
        return sections.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * The symbol table, including the null symbol at index 0, so that
     * {@code symbols().get(relocation.symbolIndex())} is the relocation's symbol. Empty if the
     * file has no symbol table.
     */
    public List<ElfSymbol> symbols() {
        return symbols;
    }

    /** All relocation tables (SHT_REL and SHT_RELA) in header order. */
    public List<ElfRelocationSection> relocationSections() {
        return relocationSections;
    }

    /**
     * The relocation table that applies to {@code target}, a section of this file; the reader
     * refuses files with more than one per section. Callers must refuse one that
     * {@linkplain ElfRelocationSection#hasAddends() has addends} unless they apply them.
     */
    public Optional<ElfRelocationSection> relocationsFor(ElfSection target) {
        int index = target.index();
        return index >= 0 && index < relocationsByTarget.length
                ? Optional.ofNullable(relocationsByTarget[index]) : Optional.empty();
    }

    /** e_machine: {@link #EM_BPF}, or {@link #EM_NONE} for objects made by old LLVM. */
    public int machine() {
        return (bytes[18] & 0xff) | (bytes[19] & 0xff) << 8;
    }

    @Override
    public String toString() {
        return fileName;
    }
}
