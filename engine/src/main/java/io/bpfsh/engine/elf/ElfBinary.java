package io.bpfsh.engine.elf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;

/**
 * A host executable or shared library (ET_EXEC or ET_DYN, x86-64 or aarch64), read with the same
 * bounded checks as an eBPF object ({@link ElfParser}): what a uprobe needs to turn a symbol into the
 * file offset the kernel probes.
 */
public final class ElfBinary {
    private final String fileName;
    private final int type;
    private final int machine;
    private final List<ElfSection> sections;
    private final List<ElfSymbol> symbols;
    private final List<ElfSegment> segments;

    ElfBinary(String fileName, int type, int machine, List<ElfSection> sections, List<ElfSymbol> symbols,
              List<ElfSegment> segments) {
        this.fileName = fileName;
        this.type = type;
        this.machine = machine;
        this.sections = List.copyOf(sections);
        this.symbols = List.copyOf(symbols);
        this.segments = List.copyOf(segments);
    }

    /** Reads a regular file (a symlink to one is followed: /lib paths are full of them). */
    public static ElfBinary read(Path file) throws ElfFormatException {
        String name = file.toString();
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            if (!a.isRegularFile()) {
                throw new ElfFormatException(name, a.isDirectory() ? "is a directory, not a binary" : "not a regular file");
            }
            if (a.size() > ElfFile.MAX_FILE_SIZE) {
                throw new ElfFormatException(name, "file too large (" + a.size() + " bytes, limit "
                        + (ElfFile.MAX_FILE_SIZE >> 20) + " MiB)");
            }
            byte[] bytes = new byte[(int) a.size()];
            try (InputStream in = Files.newInputStream(file)) {
                if (in.readNBytes(bytes, 0, bytes.length) < bytes.length || in.read() != -1) {
                    throw new ElfFormatException(name, "file changed size while being read");
                }
            }
            return new ElfParser(name, bytes).parseBinary();
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ElfFormatException(name, "cannot read file (no such file)", e);
        } catch (IOException e) {
            throw new ElfFormatException(name, "cannot read file (" + e.getMessage() + ")", e);
        }
    }

    public static ElfBinary parse(String fileName, byte[] bytes) throws ElfFormatException {
        return new ElfParser(fileName, bytes.clone()).parseBinary();
    }

    public String fileName() {
        return fileName;
    }

    /** ET_EXEC (2) or ET_DYN (3). */
    public int type() {
        return type;
    }

    public int machine() {
        return machine;
    }

    public List<ElfSection> sections() {
        return sections;
    }

    /** The symbols of .symtab, then those of .dynsym (a stripped binary has only the latter). */
    public List<ElfSymbol> symbols() {
        return symbols;
    }

    public List<ElfSegment> segments() {
        return segments;
    }

    /** STT_FUNC, and STT_GNU_IFUNC (10): what a function symbol of a binary can be. */
    private static final int STT_GNU_IFUNC = 10;

    /** The first defined function of this name (.symtab before .dynsym). */
    public Optional<ElfSymbol> function(String name) {
        return symbols.stream().filter(s -> s.name().equals(name) && s.isInSection()
                && (s.type() == ElfSymbol.STT_FUNC || s.type() == STT_GNU_IFUNC)).findFirst();
    }

    /** The file offset of a virtual address, through the PT_LOAD segment that maps it. */
    public Optional<Long> fileOffsetOf(long address) {
        for (ElfSegment s : segments) {
            if (s.contains(address)) {
                return Optional.of(address - s.vaddr() + s.offset());
            }
        }
        return Optional.empty();
    }
}
