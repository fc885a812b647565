package io.bpfsh.engine.btf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A type's value flattened into named leaves (integers, floats, pointers, arrays, unions) with their bit
 * extents: what two versions of a map's key or value are compared by, and what a migration copies member
 * by member. Nested struct members are named by path ({@code "inner.count"}); a type that is not a struct
 * is one leaf named {@code ""}, the whole value. Arrays and unions are leaves of their own: their bytes
 * have no names to match.
 */
public record BtfLayout(String typeName, long size, List<Leaf> leaves) {

    /** What a leaf holds; a migration converts between widths of INTEGER only. */
    public enum LeafKind {
        INTEGER, FLOAT, POINTER, ARRAY, UNION, OTHER;

        public String displayName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One named part.
     *
     * @param typeName  its C spelling, for messages ("__u32", "char[16]")
     * @param bitOffset from the start of the whole value
     * @param bits      width: a bitfield's declared width, otherwise the type's size times 8
     * @param signed    for integers
     */
    public record Leaf(String name, String typeName, LeafKind kind, long bitOffset, int bits, boolean signed) {
        /** "__u32 at byte 4", "__u8:3 at bit 17" */
        public String describe() {
            boolean whole = bitOffset % 8 == 0 && bits % 8 == 0;
            return typeName + (whole ? " at byte " + bitOffset / 8 : ":" + bits + " at bit " + bitOffset);
        }
    }

    public static BtfLayout of(Btf btf, int typeId) throws BtfFormatException {
        List<Leaf> leaves = new ArrayList<>();
        BtfType t = btf.type(btf.resolve(typeId));
        if (t instanceof BtfType.Composite c && c.kind() == BtfKind.STRUCT) {
            addStruct(btf, c, "", 0, leaves, 0);
        } else {
            leaves.add(leaf(btf, "", typeId, 0, 0));
        }
        return new BtfLayout(btf.typeName(typeId), btf.sizeOf(typeId), List.copyOf(leaves));
    }

    private static void addStruct(Btf btf, BtfType.Composite c, String prefix, long base, List<Leaf> out, int depth)
            throws BtfFormatException {
        if (depth > BtfValueLayout.MAX_DEPTH) {
            throw BtfValueLayout.tooDeep(btf, c);
        }
        for (BtfValueLayout.Field f : BtfValueLayout.fields(btf, c)) {
            BtfType resolved = btf.type(btf.resolve(f.type()));
            String name = prefix + f.name();
            if (resolved instanceof BtfType.Composite inner && inner.kind() == BtfKind.STRUCT) {
                addStruct(btf, inner, name + ".", base + f.bitOffset(), out, depth + 1);
            } else {
                out.add(leaf(btf, name, f.type(), base + f.bitOffset(), f.bitfieldSize()));
            }
        }
    }

    private static Leaf leaf(Btf btf, String name, int typeId, long bitOffset, int bitfieldSize)
            throws BtfFormatException {
        BtfType r = btf.type(btf.resolve(typeId));
        String typeName = btf.typeName(typeId);
        if (r instanceof BtfType.Int || r instanceof BtfType.Enum) {
            BtfValueLayout.Scalar s = BtfValueLayout.scalar(r, bitOffset, bitfieldSize);
            return new Leaf(name, typeName, LeafKind.INTEGER, s.bitOffset(), s.bits(), s.signed());
        }
        LeafKind kind = r instanceof BtfType.Float ? LeafKind.FLOAT
                : r.kind() == BtfKind.PTR ? LeafKind.POINTER
                : r instanceof BtfType.Array ? LeafKind.ARRAY
                : r.kind() == BtfKind.UNION ? LeafKind.UNION : LeafKind.OTHER;
        return new Leaf(name, typeName, kind, bitOffset, (int) Math.min(Integer.MAX_VALUE, btf.sizeOf(typeId) * 8),
                false);
    }

    public Map<String, Leaf> byName() {
        Map<String, Leaf> m = new LinkedHashMap<>();
        for (Leaf l : leaves) {
            m.put(l.name(), l);
        }
        return m;
    }

    /** The member's name for messages: the path, or "(whole value)" for a type that is not a struct. */
    public static String label(String leafName) {
        return leafName.isEmpty() ? "(whole value)" : leafName;
    }
}
