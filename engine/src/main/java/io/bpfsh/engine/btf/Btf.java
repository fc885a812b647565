package io.bpfsh.engine.btf;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed .BTF section: the type graph of an eBPF object, as emitted by {@code clang -g -target bpf}.
 *
 * <p>Parsing checks bounds, names, references and reference loops, so the queries here need no further defence
 * against corrupt input except where sizes are computed (they may overflow). Immutable; the input array is copied.
 */
public final class Btf {
    /** Pointers in BPF programs are 64-bit regardless of the host. */
    public static final int POINTER_SIZE = 8;
    private static final long U32_MAX = 0xffffffffL;

    private final String origin;
    private final byte[] raw;
    private final BtfHeader header;
    private final BtfType[] types;
    private final int[] recordOffsets;
    private final BtfStrings strings;
    private final Btf base;

    Btf(String origin, byte[] raw, BtfHeader header, BtfType[] types, int[] recordOffsets, BtfStrings strings,
            Btf base) {
        this.origin = origin;
        this.raw = raw;
        this.header = header;
        this.types = types;
        this.recordOffsets = recordOffsets;
        this.strings = strings;
        this.base = base;
    }

    /**
     * @param origin      names the bytes in messages, e.g. {@code "samples/x.o: .BTF"}
     * @param btfSection  the section contents; copied
     */
    public static Btf parse(String origin, byte[] btfSection) throws BtfFormatException {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(btfSection, "btfSection");
        return BtfReader.read(origin, btfSection, null);
    }

    /**
     * Split BTF, as the kernel exposes a module's types in {@code /sys/kernel/btf/<module>}: its type ids and string
     * offsets continue after those of {@code base} (vmlinux), and its types may refer to the base's.
     *
     * @param splitSection the module's BTF; copied
     */
    public static Btf parseSplit(String origin, byte[] splitSection, Btf base) throws BtfFormatException {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(splitSection, "splitSection");
        Objects.requireNonNull(base, "base");
        return BtfReader.read(origin, splitSection, base);
    }

    /** The base this split BTF continues, if it is split. */
    public Optional<Btf> base() {
        return Optional.ofNullable(base);
    }

    /** The first type id this BTF's own records have: 1, or one past its base's last. */
    public int firstOwnTypeId() {
        return base == null ? 1 : base.typeCount() + 1;
    }

    BtfStrings strings() {
        return strings;
    }

    public String origin() {
        return origin;
    }

    public BtfHeader header() {
        return header;
    }

    /** Number of type records, with a split BTF's base; valid ids are 0 (void) to this count. */
    public int typeCount() {
        return types.length - 1;
    }

    /** The type with this id; 0 gives {@link BtfType.Void}. */
    public BtfType type(int id) {
        if (id < 0 || id >= types.length) {
            throw new IllegalArgumentException("type id " + id + " is outside 0.." + typeCount() + " in " + origin);
        }
        return types[id];
    }

    /** Types 1 to {@link #typeCount()}, in id order. */
    public List<BtfType> types() {
        return Collections.unmodifiableList(Arrays.asList(types).subList(1, types.length));
    }

    /** The NUL-terminated string at this offset of the string section. */
    public String string(int offset) {
        return strings.at(offset);
    }

    /** The first type of this kind with this name. */
    public Optional<BtfType> findByName(String name, BtfKind kind) {
        for (int id = 1; id < types.length; id++) {
            if (types[id].kind() == kind && types[id].name().equals(name)) return Optional.of(types[id]);
        }
        return Optional.empty();
    }

    /** Follows typedefs and modifiers (const, volatile, restrict, type tags) to the type they stand for. */
    public int resolve(int typeId) {
        BtfType t = type(typeId);
        while (t.kind().isModifierOrTypedef()) t = types[((BtfType.Ref) t).type()]; // loop-free, checked at parse
        return t.id();
    }

    /**
     * Size in bytes of a value of this type, looking through typedefs, modifiers and VARs; arrays multiply.
     *
     * @throws BtfFormatException if the type has no size (void, function, forward declaration) or the size does not
     *                            fit the 32 bits BTF stores sizes in
     */
    public long sizeOf(int typeId) throws BtfFormatException {
        BtfType start = type(typeId);
        long count = 1;
        BtfType t = start;
        while (true) { // ends: the graph has no loop through arrays, typedefs, modifiers or VARs
            long size;
            if (t.kind().isModifierOrTypedef()) {
                t = types[((BtfType.Ref) t).type()];
                continue;
            } else if (t instanceof BtfType.Var v) {
                t = types[v.type()];
                continue;
            } else if (t instanceof BtfType.Array a) {
                try {
                    count = Math.multiplyExact(count, a.nelems());
                } catch (ArithmeticException e) {
                    throw sizeOverflow(start);
                }
                t = types[a.elemType()];
                continue;
            } else if (t instanceof BtfType.Int i) {
                size = i.size();
            } else if (t instanceof BtfType.Enum e) {
                size = e.size();
            } else if (t instanceof BtfType.Float f) {
                size = f.size();
            } else if (t instanceof BtfType.Composite c) {
                size = c.size();
            } else if (t instanceof BtfType.Datasec d) {
                size = d.size();
            } else if (t.kind() == BtfKind.PTR) {
                size = POINTER_SIZE;
            } else {
                String via = t == start ? "" : " (through " + BtfTypeGraph.describe(t) + ")";
                throw new BtfFormatException(origin, BtfTypeGraph.describe(start) + " has no size" + via);
            }
            if (count > U32_MAX || (size > 0 && count > U32_MAX / size)) throw sizeOverflow(start);
            return count * size;
        }
    }

    private BtfFormatException sizeOverflow(BtfType t) {
        return new BtfFormatException(origin, "size of " + BtfTypeGraph.describe(t)
                + " overflows: it exceeds the 4294967295 bytes a BTF size can hold");
    }

    /** A C-like spelling for messages and listings, e.g. {@code struct counter}, {@code __u32}, {@code char[16]}. */
    public String typeName(int typeId) {
        return BtfTypeNames.of(this, typeId);
    }

    /** A copy of the section bytes as parsed (a split BTF's own, without its base). */
    public byte[] raw() {
        return raw.clone();
    }

    /**
     * Section bytes with DATASEC sizes and VAR offsets filled in from the ELF object, which the kernel needs: clang
     * writes 0 for both because the final layout is only known to the assembler. Sections and vars absent from the
     * maps keep their stored values.
     *
     * @param sectionSizes ELF section sizes by section name (e.g. {@code ".data" -> 80})
     * @param varOffsets   symbol values (offsets within their section) by VAR name
     * @throws BtfFormatException if a var would then extend past the end of its section
     */
    public byte[] withDatasecFixups(Map<String, Long> sectionSizes, Map<String, Long> varOffsets)
            throws BtfFormatException {
        return BtfDatasecFixups.apply(this, raw.clone(), recordOffsets, sectionSizes, varOffsets);
    }

    /**
     * Section bytes with the {@code .kconfig} and {@code .ksyms} extern VARs made acceptable to the kernel (allocated
     * linkage; ksyms as 4-byte ints), as libbpf sanitises them. Apply after {@link #withDatasecFixups}, which places
     * the .kconfig VARs.
     *
     * @throws BtfFormatException for an extern function in .ksyms (kfuncs are not supported)
     */
    public byte[] withExternFixups() throws BtfFormatException {
        return BtfExternFixups.apply(this, raw.clone(), recordOffsets);
    }
}
