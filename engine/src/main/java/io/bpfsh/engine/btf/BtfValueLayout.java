package io.bpfsh.engine.btf;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the parts of a value lie in its bytes, shared by {@link BtfValueFormatter} and {@link BtfValueParser} so that
 * both read and write the same layout. Every extent is checked against the enclosing type here, because the BTF
 * itself may be corrupt; the value walkers can then index the byte array without further checks.
 */
final class BtfValueLayout {
    /** Values beyond this are refused rather than rendered or allocated. */
    static final long MAX_VALUE_SIZE = 16 << 20;
    /** Deeper nesting of structs, unions and arrays is treated as corrupt; this keeps the walkers' stacks small. */
    static final int MAX_DEPTH = 64;

    /** A named part of a struct, union or section, at a bit offset from the start of the enclosing value. */
    record Field(String name, int type, long bitOffset, int bitfieldSize) {
    }

    private BtfValueLayout() {
    }

    /** Size of a whole value of this type, refused if too large to handle. */
    static int valueSize(Btf btf, int typeId) throws BtfFormatException, BtfValueException {
        long size = btf.sizeOf(typeId);
        if (size > MAX_VALUE_SIZE) {
            throw new BtfValueException(btf.typeName(typeId) + " is " + size + " bytes; values larger than "
                    + MAX_VALUE_SIZE + " bytes are not supported");
        }
        return (int) size;
    }

    /**
     * Fields of a STRUCT, UNION or DATASEC in declaration order. Members of anonymous struct and union members are
     * lifted into the enclosing type, as C code names them; other unnamed members are padding and are dropped.
     */
    static List<Field> fields(Btf btf, BtfType t) throws BtfFormatException {
        List<Field> out = new ArrayList<>();
        if (t instanceof BtfType.Datasec d) {
            for (BtfVarSecinfo v : d.vars()) {
                BtfType var = btf.type(v.type());
                if (!(var instanceof BtfType.Var)) continue; // functions in a section have no value
                checkExtent(btf, t, "var", var.name(), v.offset() * 8, btf.sizeOf(var.id()) * 8, d.size());
                out.add(new Field(var.name(), var.id(), v.offset() * 8, 0));
            }
        } else {
            addMembers(btf, (BtfType.Composite) t, 0, out, 0);
        }
        return out;
    }

    private static void addMembers(Btf btf, BtfType.Composite c, long base, List<Field> out, int depth)
            throws BtfFormatException {
        if (depth > MAX_DEPTH) throw tooDeep(btf, c);
        for (BtfMember m : c.members()) {
            BtfType resolved = btf.type(btf.resolve(m.type()));
            boolean integral = resolved instanceof BtfType.Int || resolved instanceof BtfType.Enum;
            if (m.bitfieldSize() > 0) {
                if (!integral || m.bitfieldSize() > btf.sizeOf(resolved.id()) * 8) {
                    throw new BtfFormatException(btf.origin(), BtfTypeGraph.describe(c) + " member '" + m.name()
                            + "': a bitfield of " + m.bitfieldSize() + " bits cannot hold "
                            + btf.typeName(m.type()));
                }
                checkExtent(btf, c, "member", m.name(), m.bitOffset(), m.bitfieldSize(), c.size());
            } else {
                if (!integral && m.bitOffset() % 8 != 0) {
                    throw new BtfFormatException(btf.origin(), BtfTypeGraph.describe(c) + " member '" + m.name()
                            + "' at bit offset " + m.bitOffset() + " is not byte aligned");
                }
                checkExtent(btf, c, "member", m.name(), m.bitOffset(), btf.sizeOf(m.type()) * 8, c.size());
            }
            if (m.name().isEmpty() && resolved instanceof BtfType.Composite inner) {
                addMembers(btf, inner, base + m.bitOffset(), out, depth + 1);
            } else if (!m.name().isEmpty()) {
                out.add(new Field(m.name(), m.type(), base + m.bitOffset(), m.bitfieldSize()));
            }
        }
    }

    private static void checkExtent(Btf btf, BtfType owner, String part, String name, long bitOffset, long bits,
            long size) throws BtfFormatException {
        if (bitOffset + bits > size * 8) {
            throw new BtfFormatException(btf.origin(), BtfTypeGraph.describe(owner) + " " + part + " '" + name
                    + "' (bits " + bitOffset + ".." + (bitOffset + bits) + ") extends past its " + size + " bytes");
        }
    }

    /**
     * Whether an array holds text: its element, after qualifiers but not typedefs, is a one-byte character type. A
     * {@code __u8[6]} (a typedef of unsigned char) is deliberately left as numbers: it is usually an address or key.
     */
    static boolean isCharArray(Btf btf, BtfType.Array a) {
        BtfType e = btf.type(a.elemType());
        while (e.kind().isModifierOrTypedef() && e.kind() != BtfKind.TYPEDEF) e = btf.type(((BtfType.Ref) e).type());
        return e instanceof BtfType.Int i && i.size() == 1 && !i.bool() && (i.character() || i.name().equals("char"));
    }

    /** Bit width and signedness of an integral leaf: from the bitfield if there is one, else from the type. */
    record Scalar(long bitOffset, int bits, boolean signed) {
    }

    static Scalar scalar(BtfType resolved, long bitOffset, int bitfieldSize) {
        if (resolved instanceof BtfType.Int i) {
            return bitfieldSize > 0 ? new Scalar(bitOffset, bitfieldSize, i.signed())
                    : new Scalar(bitOffset + i.bitOffset(), i.bits(), i.signed());
        }
        BtfType.Enum e = (BtfType.Enum) resolved;
        return new Scalar(bitOffset, bitfieldSize > 0 ? bitfieldSize : e.size() * 8, e.signed());
    }

    static BtfFormatException tooDeep(Btf btf, BtfType t) {
        return new BtfFormatException(btf.origin(), BtfTypeGraph.describe(t) + " nests types deeper than "
                + MAX_DEPTH + " levels");
    }
}
