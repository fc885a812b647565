package io.bpfsh.engine.elf;

import static io.bpfsh.engine.elf.ElfSection.SHF_ALLOC;
import static io.bpfsh.engine.elf.ElfSection.SHF_EXECINSTR;
import static io.bpfsh.engine.elf.ElfSection.SHF_WRITE;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles small eBPF ELF objects for tests, so that the reader is tested against bytes whose
 * every field the test knows, without clang.
 *
 * <p>Layout: ELF header, the added sections 1..n, one relocation table per relocated section
 * (in order of first relocation), .symtab, .strtab, .shstrtab, then the section header table.
 */
public final class BpfObjectBuilder {
    /** Byte offsets the tests patch. */
    static final int E_TYPE = 16, E_MACHINE = 18, E_SHOFF = 40, E_SHNUM = 60, E_SHSTRNDX = 62;
    static final int SH_NAME = 0, SH_OFFSET = 24, SH_SIZE = 32, SH_LINK = 40, SH_INFO = 44;

    private record Section(String name, int type, long flags, int align, byte[] data, long size) { }

    private record Symbol(String name, int bind, int type, int section, long value, long size) { }

    private record Relocation(long offset, int symbol, int type) { }

    private final List<Section> sections = new ArrayList<>();
    private final List<Symbol> symbols = new ArrayList<>();
    private final Map<Integer, List<Relocation>> relocations = new LinkedHashMap<>();
    private boolean withAddends;

    /** Adds a section with contents; returns its index. */
    public int section(String name, int type, long flags, int align, byte[] data) {
        sections.add(new Section(name, type, flags, align, data, data.length));
        return sections.size();
    }

    /** Adds an SHT_NOBITS section (.bss) of {@code size} bytes; returns its index. */
    public int nobits(String name, long flags, int align, long size) {
        sections.add(new Section(name, ElfSection.SHT_NOBITS, flags, align, new byte[0], size));
        return sections.size();
    }

    /**
     * Adds a symbol in any order; returns the handle relocations use, which is also its index in the
     * built object when locals are added before globals (build() moves locals first, as ELF requires).
     */
    public int symbol(String name, int bind, int type, int section, long value, long size) {
        symbols.add(new Symbol(name, bind, type, section, value, size));
        return symbols.size();
    }

    public void relocation(int target, long offset, int symbol, int type) {
        relocations.computeIfAbsent(target, t -> new ArrayList<>())
                .add(new Relocation(offset, symbol, type));
    }

    /** Writes SHT_RELA tables (addend = 100 + entry number) instead of SHT_REL. */
    public BpfObjectBuilder withAddends() {
        withAddends = true;
        return this;
    }

    public byte[] build() {
        // locals first, as ELF requires; handle h (1-based insertion order) -> final index
        int[] finalIndex = new int[symbols.size() + 1];
        List<Symbol> ordered = new ArrayList<>();
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < symbols.size(); i++) {
                Symbol s = symbols.get(i);
                if ((s.bind() == ElfSymbol.STB_LOCAL) == (pass == 0)) {
                    ordered.add(s);
                    finalIndex[i + 1] = ordered.size();
                }
            }
        }
        List<Section> all = new ArrayList<>(sections);
        for (var e : relocations.entrySet()) {
            ByteBuffer rel = le(e.getValue().size() * (withAddends ? 24 : 16));
            int n = 0;
            for (Relocation r : e.getValue()) {
                long sym = r.symbol() == 0 ? 0 : finalIndex[r.symbol()];
                rel.putLong(r.offset()).putLong((sym << 32) | r.type());
                if (withAddends) {
                    rel.putLong(100 + n++);
                }
            }
            String prefix = withAddends ? ".rela" : ".rel";
            all.add(new Section(prefix + sections.get(e.getKey() - 1).name(),
                    withAddends ? ElfSection.SHT_RELA : ElfSection.SHT_REL, 0, 8, rel.array(), 0));
        }
        int symtabIndex = all.size() + 1;
        int strtabIndex = symtabIndex + 1;

        ByteArrayOutputStream strtab = new ByteArrayOutputStream();
        strtab.write(0);
        ByteBuffer symtab = le((ordered.size() + 1) * 24).position(24);
        int firstGlobal = ordered.size() + 1;
        for (int i = 0; i < ordered.size(); i++) {
            Symbol s = ordered.get(i);
            int name = s.name().isEmpty() ? 0 : append(strtab, s.name());
            if (s.bind() != ElfSymbol.STB_LOCAL) {
                firstGlobal = Math.min(firstGlobal, i + 1);
            }
            symtab.putInt(name).put((byte) (s.bind() << 4 | s.type())).put((byte) 0)
                    .putShort((short) s.section()).putLong(s.value()).putLong(s.size());
        }
        all.add(new Section(".symtab", ElfSection.SHT_SYMTAB, 0, 8, symtab.array(), 0));
        all.add(new Section(".strtab", ElfSection.SHT_STRTAB, 0, 1, strtab.toByteArray(), 0));
        all.add(new Section(".shstrtab", ElfSection.SHT_STRTAB, 0, 1, null, 0));

        ByteArrayOutputStream shstrtab = new ByteArrayOutputStream();
        shstrtab.write(0);
        int[] names = all.stream().mapToInt(s -> append(shstrtab, s.name())).toArray();
        all.set(all.size() - 1, new Section(".shstrtab", ElfSection.SHT_STRTAB, 0, 1,
                shstrtab.toByteArray(), 0));

        long[] offsets = new long[all.size()];
        long pos = 64;
        for (int i = 0; i < all.size(); i++) {
            Section s = all.get(i);
            pos = align(pos, s.align());
            offsets[i] = pos;
            pos += s.data().length;
        }
        long shoff = align(pos, 8);
        ByteBuffer out = le((int) shoff + (all.size() + 1) * 64);
        out.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        out.putShort(16, (short) 1).putShort(18, (short) ElfFile.EM_BPF).putInt(20, 1)
                .putLong(40, shoff).putShort(52, (short) 64).putShort(58, (short) 64)
                .putShort(60, (short) (all.size() + 1))
                .putShort(62, (short) all.size());
        List<Integer> relocated = relocations.keySet().stream().toList();
        for (int i = 0; i < all.size(); i++) {
            Section s = all.get(i);
            boolean isRel = s.type() == ElfSection.SHT_REL || s.type() == ElfSection.SHT_RELA;
            out.put((int) offsets[i], s.data());
            int link = isRel ? symtabIndex : s.type() == ElfSection.SHT_SYMTAB ? strtabIndex : 0;
            int info = s.type() == ElfSection.SHT_SYMTAB ? firstGlobal : isRel ? relocated.get(i - sections.size()) : 0;
            long entsize = s.type() == ElfSection.SHT_REL ? 16
                    : s.type() == ElfSection.SHT_RELA || s.type() == ElfSection.SHT_SYMTAB ? 24 : 0;
            out.position((int) shoff + (i + 1) * 64);
            out.putInt(names[i]).putInt(s.type()).putLong(s.flags()).putLong(0).putLong(offsets[i])
                    .putLong(Math.max(s.size(), s.data().length)).putInt(link).putInt(info)
                    .putLong(s.align()).putLong(entsize);
        }
        return out.array();
    }

    private static int append(ByteArrayOutputStream table, String name) {
        int offset = table.size();
        table.writeBytes(name.getBytes(StandardCharsets.UTF_8));
        table.write(0);
        return offset;
    }

    private static long align(long pos, int align) {
        return (pos + align - 1) / align * align;
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    // Patching built objects in place, for the corruption tests.

    /** The file offset of section {@code index}'s header in {@code elf}. */
    static int sectionHeader(byte[] elf, int index) {
        return (int) wrap(elf).getLong(E_SHOFF) + index * 64;
    }

    static void putShort(byte[] elf, int offset, int value) {
        wrap(elf).putShort(offset, (short) value);
    }

    static void putInt(byte[] elf, int offset, int value) {
        wrap(elf).putInt(offset, value);
    }

    static void putLong(byte[] elf, int offset, long value) {
        wrap(elf).putLong(offset, value);
    }

    static long getLong(byte[] elf, int offset) {
        return wrap(elf).getLong(offset);
    }

    private static ByteBuffer wrap(byte[] elf) {
        return ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
    }

    // The main fixture: a socket filter that loads map m, with a license and a .bss.

    static final int PROG = 1, MAPS = 2, LICENSE = 3, BSS = 4, REL_PROG = 5, SYMTAB = 6,
            STRTAB = 7, SHSTRTAB = 8;
    static final int SYM_FILE = 1, SYM_SECTION = 2, SYM_PROG = 3, SYM_MAP = 4, SYM_LICENSE = 5;
    static final int MAP_SIZE = 280, BSS_SIZE = 16, MAP_LOAD_OFFSET = 8;

    /** r2 = 0; r1 = map m (ld_imm64, relocated); r0 = 0; exit. */
    static final byte[] PROGRAM = {
        (byte) 0xb7, 0x02, 0, 0, 0, 0, 0, 0,
        0x18, 0x01, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0,
        (byte) 0xb7, 0x00, 0, 0, 0, 0, 0, 0,
        (byte) 0x95, 0, 0, 0, 0, 0, 0, 0,
    };

    static byte[] mapBytes() {
        byte[] map = new byte[MAP_SIZE];
        for (int i = 0; i < map.length; i++) {
            map[i] = (byte) (i * 7);
        }
        return map;
    }

    static BpfObjectBuilder minimalBuilder() {
        BpfObjectBuilder b = new BpfObjectBuilder();
        b.section("socket/x", ElfSection.SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, 8, PROGRAM);
        b.section("maps/m", ElfSection.SHT_PROGBITS, SHF_ALLOC | SHF_WRITE, 4, mapBytes());
        b.section("license", ElfSection.SHT_PROGBITS, SHF_ALLOC | SHF_WRITE, 1,
                "GPL\0".getBytes(StandardCharsets.US_ASCII));
        b.nobits(".bss", SHF_ALLOC | SHF_WRITE, 8, BSS_SIZE);
        b.symbol("x.c", ElfSymbol.STB_LOCAL, ElfSymbol.STT_FILE, ElfSymbol.SHN_ABS, 0, 0);
        b.symbol("", ElfSymbol.STB_LOCAL, ElfSymbol.STT_SECTION, PROG, 0, 0);
        b.symbol("prog", ElfSymbol.STB_GLOBAL, ElfSymbol.STT_FUNC, PROG, 0, PROGRAM.length);
        b.symbol("m", ElfSymbol.STB_GLOBAL, ElfSymbol.STT_OBJECT, MAPS, 0, MAP_SIZE);
        b.symbol("_license", ElfSymbol.STB_GLOBAL, ElfSymbol.STT_OBJECT, LICENSE, 0, 4);
        b.relocation(PROG, MAP_LOAD_OFFSET, SYM_MAP, ElfRelocation.R_BPF_64_64);
        return b;
    }

    /** The main fixture's bytes. */
    static byte[] minimal() {
        return minimalBuilder().build();
    }
}
