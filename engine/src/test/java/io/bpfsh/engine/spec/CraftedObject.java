package io.bpfsh.engine.spec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.elf.ElfFile;
import io.bpfsh.engine.elf.ElfRelocation;
import io.bpfsh.engine.elf.ElfSection;
import io.bpfsh.engine.elf.ElfSymbol;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles small eBPF ELF objects whose every section, symbol and relocation the test chose, so that
 * the spec reader and the loader are tested on exact inputs without clang.
 *
 * <p>A copy of the ELF tests' package-private {@code elf/BpfObjectBuilder} (kept there untouched),
 * made public for the spec and load tests and extended with: symbols in any order (locals are moved
 * first at build time; {@link #symbol} returns a handle that relocations use), shortcuts for program,
 * data and map sections, map-definition encoders for the three legacy layouts, instruction encoders,
 * and reading the result as an {@link ObjectSpec} or writing it to a file.
 *
 * <p>Layout: ELF header, the added sections 1..n, one relocation table per relocated section
 * (in order of first relocation), .symtab, .strtab, .shstrtab, then the section header table.
 */
public final class CraftedObject {
    /** The name error messages use for objects read from bytes ({@link #spec()}). */
    public static final String FILE = "crafted.o";

    public static final long ALLOC = ElfSection.SHF_ALLOC;
    public static final long EXEC = ElfSection.SHF_EXECINSTR;
    public static final long WRITE = ElfSection.SHF_WRITE;

    private record Section(String name, int type, long flags, int align, byte[] data, long size) { }

    private record Symbol(String name, int bind, int type, int section, long value, long size) { }

    private record Reloc(long offset, int symbol, int type) { }

    private final List<Section> sections = new ArrayList<>();
    private final List<Symbol> symbols = new ArrayList<>();
    private final Map<Integer, List<Reloc>> relocations = new LinkedHashMap<>();
    private boolean withAddends;

    // ---- sections ----

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

    /** An executable (program) section. */
    public int program(String name, byte[] code) {
        return section(name, ElfSection.SHT_PROGBITS, ALLOC | EXEC, 8, code);
    }

    /** A writable data section: {@code maps/<name>}, {@code maps}, {@code license}, {@code .data}... */
    public int data(String name, byte[] bytes) {
        return section(name, ElfSection.SHT_PROGBITS, ALLOC | WRITE, 4, bytes);
    }

    /** A {@code license} section holding {@code text} and its NUL. */
    public int license(String text) {
        return data("license", (text + "\0").getBytes(StandardCharsets.US_ASCII));
    }

    // ---- symbols and relocations ----

    /** Adds a symbol in any order; returns the handle relocations use (the final index may differ). */
    public int symbol(String name, int bind, int type, int section, long value, long size) {
        symbols.add(new Symbol(name, bind, type, section, value, size));
        return symbols.size();
    }

    /** A global function symbol. */
    public int function(String name, int section, long value, long size) {
        return symbol(name, ElfSymbol.STB_GLOBAL, ElfSymbol.STT_FUNC, section, value, size);
    }

    /** A global data-object symbol (what clang emits for a map definition). */
    public int object(String name, int section, long value, long size) {
        return symbol(name, ElfSymbol.STB_GLOBAL, ElfSymbol.STT_OBJECT, section, value, size);
    }

    /** The local STT_SECTION symbol of a section (what clang relocates static data against). */
    public int sectionSymbol(int section) {
        return symbol("", ElfSymbol.STB_LOCAL, ElfSymbol.STT_SECTION, section, 0, 0);
    }

    /** An R_BPF_64_64 relocation at {@code offset} in section {@code target}; symbol 0 is the null symbol. */
    public CraftedObject relocation(int target, long offset, int symbol) {
        return relocation(target, offset, symbol, ElfRelocation.R_BPF_64_64);
    }

    public CraftedObject relocation(int target, long offset, int symbol, int type) {
        relocations.computeIfAbsent(target, t -> new ArrayList<>()).add(new Reloc(offset, symbol, type));
        return this;
    }

    /** Writes SHT_RELA tables (addend = 100 + entry number) instead of SHT_REL. */
    public CraftedObject withAddends() {
        withAddends = true;
        return this;
    }

    // ---- results ----

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
            for (Reloc r : e.getValue()) {
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

    /** The object read as the loader reads it; error messages name it {@value #FILE}. */
    public ObjectSpec spec() throws EngineException {
        return ObjectSpec.from(ElfFile.parse(FILE, build()), Path.of(FILE));
    }

    /** The one-line message of the ObjectSpecException reading this object gives. */
    public String specError() {
        ObjectSpecException e = assertThrows(ObjectSpecException.class, this::spec);
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    /** Writes the object to {@code dir/name} and returns the path. */
    public Path write(Path dir, String name) {
        try {
            return Files.write(dir.resolve(name), build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- map definitions ----

    /** gobpf's struct bpf_map_def: 6 u32 then char namespace[256]; 280 bytes. */
    public static byte[] gobpfMap(int type, int key, int value, int max, int flags, int pinning, String namespace) {
        ByteBuffer b = le(280).putInt(type).putInt(key).putInt(value).putInt(max).putInt(flags).putInt(pinning);
        byte[] ns = namespace.getBytes(StandardCharsets.UTF_8);
        b.put(ns, 0, Math.min(ns.length, 256));
        return b.array();
    }

    /** iproute2's struct bpf_elf_map: type, size_key, size_value, max_elem, flags, id, pinning, inner_id, inner_idx. */
    public static byte[] iproute2Map(int type, int key, int value, int max, int flags, int id, int pinning) {
        return le(36).putInt(type).putInt(key).putInt(value).putInt(max).putInt(flags).putInt(id).putInt(pinning)
                .array();
    }

    /** libbpf's legacy struct bpf_map_def: type, key_size, value_size, max_entries, map_flags. */
    public static byte[] libbpfMap(int type, int key, int value, int max, int flags) {
        return le(20).putInt(type).putInt(key).putInt(value).putInt(max).putInt(flags).array();
    }

    /** An array map u32 -> u32 of 4 entries in gobpf's layout. */
    public static byte[] gobpfArray(int pinning, String namespace) {
        return gobpfMap(2, 4, 4, 4, 0, pinning, namespace);
    }

    // ---- instructions ----

    /** One 8-byte instruction: opcode, dst/src registers, 16-bit offset, 32-bit immediate. */
    public static byte[] insn(int op, int dst, int src, int off, int imm) {
        return le(8).put((byte) op).put((byte) (src << 4 | dst)).putShort((short) off).putInt(imm).array();
    }

    /** r{dst} = imm64 (ld_imm64, two slots); the slot a map relocation patches. */
    public static byte[] ldImm64(int dst) {
        return concat(insn(0x18, dst, 0, 0, 0), insn(0, 0, 0, 0, 0));
    }

    /** r0 = 0. */
    public static byte[] movR0() {
        return insn(0xb7, 0, 0, 0, 0);
    }

    public static byte[] exit() {
        return insn(0x95, 0, 0, 0, 0);
    }

    /** A BPF-to-BPF call (src_reg BPF_PSEUDO_CALL) with the pc-relative immediate clang leaves. */
    public static byte[] pseudoCall(int imm) {
        return insn(0x85, 0, 1, 0, imm);
    }

    /** r1 = map (at offset 0, relocated); r0 = 0; exit: 32 bytes the verifier accepts as a socket filter. */
    public static byte[] loadMapAndExit() {
        return concat(ldImm64(1), movR0(), exit());
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    // ---- internals ----

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
}
