package io.bpfsh.engine.btf;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites values of one layout into another, member by member, matching members by name (or by a
 * rename): integers are converted between widths and signedness when the value fits, other members
 * are copied when their kind and size are the same, new members are zero-filled and members the new
 * layout lacks are dropped. A member whose kind or (non-integer) size changed is refused when the
 * conversion is made, before any value is read; an integer that does not fit its new width is refused
 * when that value is converted. Hand-written because it is BPF-specific: it works on BTF layouts.
 */
public final class BtfLayoutConversion {
    private record Copy(BtfLayout.Leaf from, BtfLayout.Leaf to) {
    }

    private final BtfLayout from;
    private final BtfLayout to;
    private final List<Copy> copies = new ArrayList<>();
    private final List<String> dropped = new ArrayList<>();
    private final List<String> zeroFilled = new ArrayList<>();
    private final List<String> narrowed = new ArrayList<>();

    /**
     * @param renames old member name to new member name, for members that were renamed (names of
     *                neither layout are ignored: the caller checks each rename names a member of one side)
     * @param what    how messages name this side, e.g. "value"
     */
    public BtfLayoutConversion(BtfLayout from, BtfLayout to, Map<String, String> renames, String what)
            throws BtfValueException {
        this.from = from;
        this.to = to;
        Map<String, BtfLayout.Leaf> old = from.byName();
        Map<String, String> newToOld = new LinkedHashMap<>();
        for (BtfLayout.Leaf l : from.leaves()) {
            newToOld.put(renames.getOrDefault(l.name(), l.name()), l.name());
        }
        Set<String> used = new HashSet<>();
        for (BtfLayout.Leaf n : to.leaves()) {
            String oldName = newToOld.get(n.name());
            BtfLayout.Leaf o = oldName == null ? null : old.get(oldName);
            if (o == null) {
                zeroFilled.add(BtfLayout.label(n.name()));
                continue;
            }
            used.add(o.name());
            String member = what + " member " + BtfLayout.label(o.name())
                    + (o.name().equals(n.name()) ? "" : " (as " + BtfLayout.label(n.name()) + ")");
            if (o.kind() != n.kind()) {
                throw new BtfValueException(member + " changed kind: " + o.kind().displayName() + " " + o.typeName()
                        + " in the old map, " + n.kind().displayName() + " " + n.typeName() + " in the new one");
            }
            if (o.kind() != BtfLayout.LeafKind.INTEGER && o.bits() != n.bits()) {
                throw new BtfValueException(member + " changed size: " + o.typeName() + " (" + o.bits() / 8
                        + " bytes) in the old map, " + n.typeName() + " (" + n.bits() / 8 + " bytes) in the new one");
            }
            if (o.kind() == BtfLayout.LeafKind.INTEGER && (n.bits() < o.bits() || o.signed() != n.signed())) {
                narrowed.add(BtfLayout.label(n.name()));
            }
            copies.add(new Copy(o, n));
        }
        for (BtfLayout.Leaf o : from.leaves()) {
            if (!used.contains(o.name())) {
                dropped.add(BtfLayout.label(o.name()));
            }
        }
    }

    /** Old members the new layout has no place for. */
    public List<String> dropped() {
        return List.copyOf(dropped);
    }

    /** New members no old member fills: they start as zero. */
    public List<String> zeroFilled() {
        return List.copyOf(zeroFilled);
    }

    /** Integers that become narrower or change signedness: each value is checked to fit. */
    public List<String> narrowed() {
        return List.copyOf(narrowed);
    }

    /**
     * One old value in the new layout.
     *
     * @param where names the entry in a refusal, e.g. "key 0x0a000001"
     */
    public byte[] convert(byte[] old, String where) throws BtfValueException {
        byte[] out = new byte[(int) to.size()];
        convertInto(old, 0, out, 0, where);
        return out;
    }

    /** As {@link #convert}, between slots of larger buffers (a per-CPU value's CPU). */
    public void convertInto(byte[] old, int oldBase, byte[] out, int outBase, String where) throws BtfValueException {
        long oldBits = (long) oldBase * 8;
        long outBits = (long) outBase * 8;
        for (Copy c : copies) {
            BtfLayout.Leaf o = c.from();
            BtfLayout.Leaf n = c.to();
            if (o.kind() != BtfLayout.LeafKind.INTEGER || o.bits() > 64 || n.bits() > 64) {
                copyBits(old, oldBits + o.bitOffset(), out, outBits + n.bitOffset(), n.bits());
                continue;
            }
            long v = readBits(old, oldBits + o.bitOffset(), o.bits());
            if (o.signed() && o.bits() < 64 && (v & (1L << (o.bits() - 1))) != 0) {
                v |= -1L << o.bits(); // sign-extend
            }
            if (!fits(v, o.signed() && v < 0, o.bits() == 64 && !o.signed() && v < 0, n)) {
                String shown = o.signed() ? Long.toString(v) : Long.toUnsignedString(v);
                throw new BtfValueException(where + ": member " + BtfLayout.label(o.name()) + " = " + shown
                        + " does not fit " + n.typeName() + " (" + n.bits() + (n.signed() ? " signed" : " unsigned")
                        + " bits) of member " + BtfLayout.label(n.name()) + " in the new map");
            }
            writeBits(out, outBits + n.bitOffset(), n.bits(), v);
        }
    }

    /** @param negative the value is below zero; @param huge it is an unsigned 64-bit value of 2^63 or more */
    private static boolean fits(long v, boolean negative, boolean huge, BtfLayout.Leaf n) {
        int bits = n.bits();
        if (huge) {
            return !n.signed() && bits == 64;
        }
        if (negative) {
            return n.signed() && (bits == 64 || v >= -(1L << (bits - 1)));
        }
        int magnitude = n.signed() ? bits - 1 : bits;
        return magnitude >= 63 || v < (1L << magnitude);
    }

    private static long readBits(byte[] b, long bitOffset, int bits) {
        long v = 0;
        for (int i = 0; i < bits; i++) {
            long at = bitOffset + i;
            if ((b[(int) (at >>> 3)] >> (at & 7) & 1) != 0) {
                v |= 1L << i;
            }
        }
        return v;
    }

    private static void writeBits(byte[] b, long bitOffset, int bits, long v) {
        for (int i = 0; i < bits; i++) {
            long at = bitOffset + i;
            int index = (int) (at >>> 3);
            int mask = 1 << (at & 7);
            b[index] = (byte) ((v >>> i & 1) != 0 ? b[index] | mask : b[index] & ~mask);
        }
    }

    private static void copyBits(byte[] src, long srcBit, byte[] dst, long dstBit, int bits) {
        if (srcBit % 8 == 0 && dstBit % 8 == 0 && bits % 8 == 0) {
            System.arraycopy(src, (int) (srcBit / 8), dst, (int) (dstBit / 8), bits / 8);
            return;
        }
        for (int i = 0; i < bits; i++) {
            long s = srcBit + i;
            long d = dstBit + i;
            int mask = 1 << (d & 7);
            boolean set = (src[(int) (s >>> 3)] >> (s & 7) & 1) != 0;
            dst[(int) (d >>> 3)] = (byte) (set ? dst[(int) (d >>> 3)] | mask : dst[(int) (d >>> 3)] & ~mask);
        }
    }
}
