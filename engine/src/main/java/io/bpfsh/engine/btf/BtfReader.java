package io.bpfsh.engine.btf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the header and the type records of a .BTF section, checking every length against the bytes actually
 * present before reading or allocating, so that corrupt input fails with a message rather than an exception escaping
 * or a huge allocation. References between types are checked afterwards by {@link BtfTypeGraph}.
 */
final class BtfReader {
    private static final int RECORD = 12;

    private final String origin;
    private final byte[] data;
    private final ByteBuffer buf;
    /** Split BTF (a kernel module's) continues the type ids and string offsets of this base (vmlinux); else null. */
    private final Btf base;
    private BtfStrings strings;

    private BtfReader(String origin, byte[] data, Btf base) {
        this.origin = origin;
        this.data = data;
        this.buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        this.base = base;
    }

    static Btf read(String origin, byte[] section, Btf base) throws BtfFormatException {
        return new BtfReader(origin, section.clone(), base).read();
    }

    private Btf read() throws BtfFormatException {
        if (data.length < BtfHeader.SIZE) {
            throw fail("section is " + data.length + " bytes, shorter than the " + BtfHeader.SIZE + "-byte header");
        }
        int magic = buf.getShort(0) & 0xffff;
        if (magic == 0x9feb) { // the magic byte-swapped: the object was built for a big-endian target
            throw fail("magic 0x9feb means big-endian BTF, which is not supported (only little-endian objects are)");
        }
        if (magic != BtfHeader.MAGIC) {
            throw fail(String.format("bad magic 0x%04x, expected 0xeb9f", magic));
        }
        int version = data[2] & 0xff;
        if (version != 1) throw fail("unsupported version " + version + ", expected 1");
        BtfHeader h = new BtfHeader(version, data[3] & 0xff, u32(4), u32(8), u32(12), u32(16), u32(20));
        if (h.hdrLen() < BtfHeader.SIZE || h.hdrLen() > data.length) {
            throw fail("header length " + h.hdrLen() + " is outside " + BtfHeader.SIZE + ".." + data.length
                    + ", the section's size");
        }
        long typeStart = checkSection("type", h.hdrLen() + h.typeOff(), h.typeLen());
        long strStart = checkSection("string", h.hdrLen() + h.strOff(), h.strLen());
        if (h.typeOff() % 4 != 0) throw fail("type section offset " + h.typeOff() + " is not 4-byte aligned");
        if (h.typeLen() > 0 && typeStart < strStart + h.strLen() && strStart < typeStart + h.typeLen()) {
            throw fail("type section (" + typeStart + ".." + (typeStart + h.typeLen()) + ") and string section ("
                    + strStart + ".." + (strStart + h.strLen()) + ") overlap");
        }
        // split BTF's strings continue the base's, whose offset 0 is the empty string
        if (base == null && (h.strLen() == 0 || data[(int) strStart] != 0)) {
            throw fail("string section does not start with the empty string (a NUL byte at offset 0)");
        }
        if (h.strLen() > 0 && data[(int) (strStart + h.strLen() - 1)] != 0) {
            throw fail("string section does not end with a NUL byte");
        }
        strings = new BtfStrings(origin, data, (int) strStart, (int) h.strLen(), base == null ? null : base.strings());

        List<BtfType> types = new ArrayList<>();
        types.add(new BtfType.Void());
        List<Integer> offsets = new ArrayList<>();
        offsets.add(-1);
        if (base != null) {
            types.addAll(base.types()); // shared records: ids of the split types start after the base's
            for (int i = 0; i < base.typeCount(); i++) offsets.add(-1);
        }
        int firstId = types.size();
        int pos = (int) typeStart;
        int end = (int) (typeStart + h.typeLen());
        while (pos < end) { // every record consumes at least 12 bytes, so this ends
            int id = types.size();
            if (end - pos < RECORD) {
                throw fail("type " + id + " at type-section offset " + (pos - typeStart) + " needs " + RECORD
                        + " bytes, only " + (end - pos) + " left");
            }
            offsets.add(pos);
            types.add(record(id, pos, end));
            pos += RECORD + dataLength(types.get(id).kind(), buf.getInt(pos + 4) & 0xffff);
        }
        BtfType[] all = types.toArray(new BtfType[0]);
        BtfTypeGraph.check(origin, all, firstId);
        return new Btf(origin, data, h, all, offsets.stream().mapToInt(Integer::intValue).toArray(), strings, base);
    }

    private long checkSection(String what, long start, long length) throws BtfFormatException {
        if (start + length > data.length) {
            throw fail(what + " section extends past end (offset " + start + " + length " + length + " > "
                    + data.length + ")");
        }
        return start;
    }

    /** Bytes of kind-specific data that follow the 12-byte record. */
    private static int dataLength(BtfKind kind, int vlen) {
        switch (kind) {
            case INT: case VAR: case DECL_TAG: return 4;
            case ARRAY: return 12;
            case STRUCT: case UNION: case DATASEC: case ENUM64: return 12 * vlen;
            case ENUM: case FUNC_PROTO: return 8 * vlen;
            default: return 0;
        }
    }

    private BtfType record(int id, int pos, int end) throws BtfFormatException {
        long nameOff = u32(pos);
        int info = buf.getInt(pos + 4);
        long sizeOrType = u32(pos + 8);
        BtfKind kind = BtfKind.ofCode((info >>> 24) & 0x1f);
        if (kind == null) throw fail("type " + id + " has unknown kind " + ((info >>> 24) & 0x1f));
        String what = "type " + id + " (" + kind + ")";
        if ((info & 0x60ff0000) != 0) throw fail(what + String.format(": info 0x%08x has reserved bits set", info));
        int vlen = info & 0xffff;
        boolean flag = info < 0;
        int need = dataLength(kind, vlen);
        if (need > end - pos - RECORD) {
            throw fail(what + " needs " + need + " bytes of data, only " + (end - pos - RECORD)
                    + " left in the type section");
        }
        String name = strings.name(nameOff, what);
        int d = pos + RECORD; // kind-specific data
        switch (kind) {
            case INT: {
                int enc = buf.getInt(d);
                int encoding = (enc >>> 24) & 0xff, offset = (enc >>> 16) & 0xff, bits = enc & 0xff;
                if ((enc & 0x0000ff00) != 0 || (encoding & ~7) != 0 || Integer.bitCount(encoding) > 1) {
                    throw fail(what + String.format(": invalid encoding word 0x%08x", enc));
                }
                if (sizeOrType != 1 && sizeOrType != 2 && sizeOrType != 4 && sizeOrType != 8 && sizeOrType != 16) {
                    throw fail(what + ": size " + sizeOrType + " is not 1, 2, 4, 8 or 16");
                }
                if (bits == 0 || offset + bits > sizeOrType * 8) {
                    throw fail(what + ": " + bits + " bits at bit offset " + offset + " do not fit its "
                            + sizeOrType + " bytes");
                }
                return new BtfType.Int(id, name, (int) sizeOrType, (encoding & 1) != 0, (encoding & 2) != 0,
                        (encoding & 4) != 0, offset, bits);
            }
            case PTR: case TYPEDEF: case VOLATILE: case CONST: case RESTRICT: case TYPE_TAG:
                return new BtfType.Ref(id, kind, name, typeId(sizeOrType));
            case ARRAY:
                return new BtfType.Array(id, typeId(u32(d)), typeId(u32(d + 4)), u32(d + 8));
            case STRUCT: case UNION: {
                List<BtfMember> members = new ArrayList<>(vlen);
                for (int i = 0, p = d; i < vlen; i++, p += 12) {
                    long off = u32(p + 8);
                    members.add(new BtfMember(strings.name(u32(p), what + " member " + i), typeId(u32(p + 4)),
                            flag ? off & 0xffffff : off, flag ? (int) (off >>> 24) : 0));
                }
                return new BtfType.Composite(id, kind, name, sizeOrType, List.copyOf(members));
            }
            case ENUM: case ENUM64: {
                if (sizeOrType != 1 && sizeOrType != 2 && sizeOrType != 4 && sizeOrType != 8) {
                    throw fail(what + ": size " + sizeOrType + " is not 1, 2, 4 or 8");
                }
                int step = kind == BtfKind.ENUM ? 8 : 12;
                List<BtfEnumValue> values = new ArrayList<>(vlen);
                for (int i = 0, p = d; i < vlen; i++, p += step) {
                    long v = kind == BtfKind.ENUM ? (flag ? buf.getInt(p + 4) : u32(p + 4))
                            : u32(p + 4) | (u32(p + 8) << 32);
                    values.add(new BtfEnumValue(strings.name(u32(p), what + " enumerator " + i), v));
                }
                return new BtfType.Enum(id, kind, name, (int) sizeOrType, flag, List.copyOf(values));
            }
            case FWD:
                return new BtfType.Fwd(id, name, flag);
            case FUNC:
                return new BtfType.Func(id, name, typeId(sizeOrType), vlen);
            case FUNC_PROTO: {
                List<BtfParam> params = new ArrayList<>(vlen);
                for (int i = 0, p = d; i < vlen; i++, p += 8) {
                    params.add(new BtfParam(strings.name(u32(p), what + " param " + i), typeId(u32(p + 4))));
                }
                return new BtfType.FuncProto(id, typeId(sizeOrType), List.copyOf(params));
            }
            case VAR:
                return new BtfType.Var(id, name, typeId(sizeOrType), buf.getInt(d));
            case DATASEC: {
                List<BtfVarSecinfo> vars = new ArrayList<>(vlen);
                for (int i = 0, p = d; i < vlen; i++, p += 12) {
                    vars.add(new BtfVarSecinfo(typeId(u32(p)), u32(p + 4), u32(p + 8)));
                }
                return new BtfType.Datasec(id, name, sizeOrType, List.copyOf(vars));
            }
            case FLOAT:
                if (sizeOrType != 2 && sizeOrType != 4 && sizeOrType != 8 && sizeOrType != 12 && sizeOrType != 16) {
                    throw fail(what + ": size " + sizeOrType + " is not 2, 4, 8, 12 or 16");
                }
                return new BtfType.Float(id, name, (int) sizeOrType);
            case DECL_TAG: {
                int component = buf.getInt(d);
                if (component < -1) throw fail(what + ": component index " + component + " is below -1");
                return new BtfType.DeclTag(id, name, typeId(sizeOrType), component);
            }
            default:
                throw new IllegalStateException("unhandled kind " + kind);
        }
    }

    /** A stored u32 type id, kept as its bit pattern; {@link BtfTypeGraph} compares it unsigned. */
    private static int typeId(long stored) {
        return (int) stored;
    }

    private long u32(int pos) {
        return buf.getInt(pos) & 0xffffffffL;
    }

    private BtfFormatException fail(String detail) {
        return new BtfFormatException(origin, detail);
    }
}
