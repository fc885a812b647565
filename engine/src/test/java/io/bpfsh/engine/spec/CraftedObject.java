package io.bpfsh.engine.spec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.elf.ElfFile;
import io.bpfsh.engine.elf.BpfObjectBuilder;
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
import java.util.List;

/**
 * Assembles small eBPF ELF objects whose every section, symbol and relocation the test chose, so that
 * the spec reader and the loader are tested on exact inputs without clang.
 *
 * <p>The ELF tests' {@link BpfObjectBuilder} assembles the bytes; this adds, for the spec and load
 * tests: shortcuts for program, data and map sections, map-definition encoders for the three legacy
 * layouts, instruction encoders, and reading the result as an {@link ObjectSpec} or writing it to a file.
 */
public final class CraftedObject {
    /** The name error messages use for objects read from bytes ({@link #spec()}). */
    public static final String FILE = "crafted.o";

    public static final long ALLOC = ElfSection.SHF_ALLOC;
    public static final long EXEC = ElfSection.SHF_EXECINSTR;
    public static final long WRITE = ElfSection.SHF_WRITE;

    private final BpfObjectBuilder elf = new BpfObjectBuilder();

    // ---- sections ----

    /** Adds a section with contents; returns its index. */
    public int section(String name, int type, long flags, int align, byte[] data) {
        return elf.section(name, type, flags, align, data);
    }

    /** Adds an SHT_NOBITS section (.bss) of {@code size} bytes; returns its index. */
    public int nobits(String name, long flags, int align, long size) {
        return elf.nobits(name, flags, align, size);
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
        return elf.symbol(name, bind, type, section, value, size);
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
        elf.relocation(target, offset, symbol, type);
        return this;
    }

    /** Writes SHT_RELA tables (addend = 100 + entry number) instead of SHT_REL. */
    public CraftedObject withAddends() {
        elf.withAddends();
        return this;
    }

    // ---- results ----

    public byte[] build() {
        return elf.build();
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

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
