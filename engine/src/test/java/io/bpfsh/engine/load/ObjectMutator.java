package io.bpfsh.engine.load;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Mutates one eBPF object into hostile variants: blind bit flips, byte replacements and truncations,
 * and aimed ones that know where the fields are (ELF header, section table, symbols, relocations, map
 * definitions, instructions; the .BTF header and every type record's string offsets, type ids, vlen
 * and kind; reference loops; the .BTF.ext header). The field table is found once from the intact
 * object; aimed mutations then write values chosen to sit on the boundaries readers get wrong.
 */
final class ObjectMutator {
    /** Where a field lies and what it holds, which decides the values tried in it. */
    enum Role { U8, U16, U32, U64, TYPE_ID, STRING_OFFSET, BTF_INFO, REF_TYPE }

    record Field(int offset, int width, Role role) {
    }

    private static final long[] U32_EDGES = {0, 1, 2, 4, 7, 8, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff,
        0x10000, 0x7fffffff, 0x80000000L, 0x80000400L, 0xfffffffeL, 0xffffffffL};
    private static final long[] U64_EDGES = {0, 1, 8, 64, 0x7fffffffL, 0x80000000L, 1L << 32, (1L << 32) + 8,
        Long.MAX_VALUE, Long.MIN_VALUE, -1L, -8L};

    private final byte[] original;
    private final Random random;
    private final List<Field> fields = new ArrayList<>();
    /** type-record offsets in the file by BTF type id (index 0 unused), and the ids of reference kinds */
    private final List<Integer> typeRecords = new ArrayList<>();
    private final List<Integer> refTypes = new ArrayList<>();
    private int btfStringLength;

    ObjectMutator(byte[] original, Random random) {
        this.original = original.clone();
        this.random = random;
        mapFields();
    }

    /** One mutated copy: one to three mutations, stacked. */
    byte[] next() {
        byte[] b = original.clone();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            b = mutate(b);
        }
        return b;
    }

    private byte[] mutate(byte[] b) {
        if (b.length == 0) {
            return b; // truncated to nothing by an earlier mutation
        }
        int pick = random.nextInt(100);
        if (pick < 12) {
            for (int i = 1 + random.nextInt(8); i > 0; i--) {
                int at = random.nextInt(b.length);
                b[at] ^= (byte) (1 << random.nextInt(8));
            }
            return b;
        }
        if (pick < 20) {
            byte[] interesting = {0, (byte) 0xff, 0x7f, (byte) 0x80, 1};
            for (int i = 1 + random.nextInt(4); i > 0; i--) {
                b[random.nextInt(b.length)] = random.nextBoolean() ? interesting[random.nextInt(interesting.length)]
                        : (byte) random.nextInt(256);
            }
            return b;
        }
        if (pick < 25) {
            return Arrays.copyOf(b, random.nextInt(b.length));
        }
        if (pick < 30 && refTypes.size() >= 1) {
            loop(b);
            return b;
        }
        if (fields.isEmpty()) {
            return b;
        }
        Field f = fields.get(random.nextInt(fields.size()));
        if (f.offset() + f.width() <= b.length) {
            write(b, f, valueFor(f, b));
        }
        return b;
    }

    /** A reference loop: a type that points to itself, or two that point to each other. */
    private void loop(byte[] b) {
        int a = refTypes.get(random.nextInt(refTypes.size()));
        int c = random.nextBoolean() ? a : refTypes.get(random.nextInt(refTypes.size()));
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int ra = typeRecords.get(a);
        int rc = typeRecords.get(c);
        if (ra + 12 <= b.length && rc + 12 <= b.length) {
            buf.putInt(ra + 8, c);
            buf.putInt(rc + 8, a);
        }
    }

    private long valueFor(Field f, byte[] b) {
        int types = typeRecords.size();
        return switch (f.role()) {
            case U8 -> random.nextBoolean() ? U32_EDGES[random.nextInt(9)] : random.nextInt(256);
            case U16 -> random.nextBoolean() ? U32_EDGES[random.nextInt(13)] : random.nextInt(65536);
            case U64 -> random.nextInt(3) == 0 ? random.nextInt(b.length + 16)
                    : random.nextBoolean() ? U64_EDGES[random.nextInt(U64_EDGES.length)] : random.nextLong();
            case TYPE_ID, REF_TYPE -> switch (random.nextInt(6)) {
                case 0 -> 0;
                case 1 -> types;
                case 2 -> types - 1;
                case 3 -> random.nextInt(types + 2);
                case 4 -> U32_EDGES[random.nextInt(U32_EDGES.length)];
                default -> random.nextInt(Math.max(1, types));
            };
            case STRING_OFFSET -> switch (random.nextInt(5)) {
                case 0 -> btfStringLength;
                case 1 -> btfStringLength - 1;
                case 2 -> random.nextInt(btfStringLength + 2);
                case 3 -> U32_EDGES[random.nextInt(U32_EDGES.length)];
                default -> btfStringLength + 1;
            };
            case BTF_INFO -> {
                long info = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(f.offset()) & 0xffffffffL;
                yield switch (random.nextInt(4)) {
                    case 0 -> (info & ~0xffffL) | (random.nextBoolean() ? 0xffff : (info & 0xffff) + 1); // vlen
                    case 1 -> (info & ~(0x1fL << 24)) | ((long) random.nextInt(32) << 24);                // kind
                    case 2 -> info ^ (1L << 31);                                                          // kind_flag
                    default -> info & ~0xffffL;                                                           // vlen 0
                };
            }
            case U32 -> random.nextInt(4) == 0 ? random.nextInt(b.length + 16)
                    : random.nextBoolean() ? U32_EDGES[random.nextInt(U32_EDGES.length)] : random.nextInt();
        };
    }

    private static void write(byte[] b, Field f, long v) {
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        switch (f.width()) {
            case 1 -> b[f.offset()] = (byte) v;
            case 2 -> buf.putShort(f.offset(), (short) v);
            case 4 -> buf.putInt(f.offset(), (int) v);
            default -> buf.putLong(f.offset(), v);
        }
    }

    // ---- the field table of the intact object (test code: trusts the sample it was built from)

    private void mapFields() {
        ByteBuffer h = ByteBuffer.wrap(original).order(ByteOrder.LITTLE_ENDIAN);
        for (int at : new int[] {4, 5, 6, 7}) {
            fields.add(new Field(at, 1, Role.U8));
        }
        for (int at : new int[] {16, 18, 52, 54, 56, 58, 60, 62}) { // e_type e_machine e_ehsize ... e_shstrndx
            fields.add(new Field(at, 2, Role.U16));
        }
        fields.add(new Field(20, 4, Role.U32));
        fields.add(new Field(32, 8, Role.U64));
        fields.add(new Field(40, 8, Role.U64));
        int shoff = (int) h.getLong(40);
        int shnum = h.getShort(60) & 0xffff;
        int shstrndx = h.getShort(62) & 0xffff;
        int names = (int) h.getLong(shoff + 64 * shstrndx + 24);
        for (int i = 0; i < shnum; i++) {
            int s = shoff + 64 * i;
            for (int at : new int[] {0, 4, 40, 44}) { // sh_name sh_type sh_link sh_info
                fields.add(new Field(s + at, 4, Role.U32));
            }
            for (int at : new int[] {8, 24, 32, 48, 56}) { // sh_flags sh_offset sh_size sh_addralign sh_entsize
                fields.add(new Field(s + at, 8, Role.U64));
            }
            int type = h.getInt(s + 4);
            long flags = h.getLong(s + 8);
            int off = (int) h.getLong(s + 24);
            int size = (int) h.getLong(s + 32);
            String name = cString(names + h.getInt(s));
            if (type == 2) { // symbols: st_name st_info st_shndx st_value st_size
                for (int e = off; e + 24 <= off + size; e += 24) {
                    fields.add(new Field(e, 4, Role.U32));
                    fields.add(new Field(e + 4, 1, Role.U8));
                    fields.add(new Field(e + 6, 2, Role.U16));
                    fields.add(new Field(e + 8, 8, Role.U64));
                    fields.add(new Field(e + 16, 8, Role.U64));
                }
            } else if (type == 9) { // relocations: r_offset, r_info (type, then symbol index)
                for (int e = off; e + 16 <= off + size; e += 16) {
                    fields.add(new Field(e, 8, Role.U64));
                    fields.add(new Field(e + 8, 4, Role.U32));
                    fields.add(new Field(e + 12, 4, Role.U32));
                }
            } else if (name.equals(".BTF")) {
                btf(h, off);
            } else if (name.equals(".BTF.ext")) {
                for (int at = 4; at < 32 && at + 4 <= size; at += 4) {
                    fields.add(new Field(off + at, 4, Role.U32));
                }
            } else if (type == 1 && (flags & 4) != 0) { // instructions: opcode, registers, offset, immediate
                for (int e = off; e + 8 <= off + size; e += 8) {
                    fields.add(new Field(e, 1, Role.U8));
                    fields.add(new Field(e + 1, 1, Role.U8));
                    fields.add(new Field(e + 2, 2, Role.U16));
                    fields.add(new Field(e + 4, 4, Role.U32));
                }
            } else if (type == 1 && (name.startsWith("maps") || name.equals("license") || name.equals("version"))) {
                for (int e = off; e + 4 <= off + Math.min(size, 64); e += 4) { // definitions' u32 fields
                    fields.add(new Field(e, 4, Role.U32));
                }
            }
        }
    }

    /** The .BTF header and every type record, walked by kind (kernel btf.h sizes per kind). */
    private void btf(ByteBuffer h, int off) {
        int hdrLen = h.getInt(off + 4);
        for (int at = 4; at < 24; at += 4) { // hdr_len type_off type_len str_off str_len
            fields.add(new Field(off + at, 4, Role.U32));
        }
        int typeStart = off + hdrLen + h.getInt(off + 8);
        int typeEnd = typeStart + h.getInt(off + 12);
        btfStringLength = h.getInt(off + 20);
        typeRecords.add(0); // void
        for (int r = typeStart; r + 12 <= typeEnd; ) {
            int info = h.getInt(r + 4);
            int kind = (info >>> 24) & 0x1f;
            int vlen = info & 0xffff;
            typeRecords.add(r);
            int id = typeRecords.size() - 1;
            fields.add(new Field(r, 4, Role.STRING_OFFSET));
            fields.add(new Field(r + 4, 4, Role.BTF_INFO));
            boolean ref = kind == 2 || (kind >= 7 && kind <= 12) || kind == 14 || kind == 17 || kind == 18;
            fields.add(new Field(r + 8, 4, ref ? Role.REF_TYPE : Role.U32));
            if (ref && kind != 7) {
                refTypes.add(id);
            }
            int p = r + 12;
            switch (kind) {
                case 1, 14, 17 -> { // INT encoding, VAR linkage, DECL_TAG component
                    fields.add(new Field(p, 4, Role.U32));
                    p += 4;
                }
                case 3 -> { // ARRAY: type, index type, nelems
                    fields.add(new Field(p, 4, Role.TYPE_ID));
                    fields.add(new Field(p + 4, 4, Role.TYPE_ID));
                    fields.add(new Field(p + 8, 4, Role.U32));
                    p += 12;
                }
                case 4, 5 -> p = members(p, vlen, 12, Role.STRING_OFFSET, Role.TYPE_ID, Role.U32);
                case 6 -> p = members(p, vlen, 8, Role.STRING_OFFSET, Role.U32, null);
                case 13 -> p = members(p, vlen, 8, Role.STRING_OFFSET, Role.TYPE_ID, null);
                case 15 -> p = members(p, vlen, 12, Role.TYPE_ID, Role.U32, Role.U32);
                case 19 -> p = members(p, vlen, 12, Role.STRING_OFFSET, Role.U32, Role.U32);
                default -> {
                }
            }
            r = p;
        }
    }

    private int members(int p, int vlen, int size, Role a, Role b, Role c) {
        for (int i = 0; i < vlen; i++, p += size) {
            fields.add(new Field(p, 4, a));
            fields.add(new Field(p + 4, 4, b));
            if (c != null) {
                fields.add(new Field(p + 8, 4, c));
            }
        }
        return p;
    }

    private String cString(int at) {
        int end = at;
        while (end < original.length && original[end] != 0) {
            end++;
        }
        return new String(original, at, end - at, java.nio.charset.StandardCharsets.UTF_8);
    }
}
