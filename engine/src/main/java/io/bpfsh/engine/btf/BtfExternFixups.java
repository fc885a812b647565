package io.bpfsh.engine.btf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Makes the extern declarations of an object's BTF acceptable to the kernel, as libbpf does before BTF_LOAD: the
 * kernel refuses VARs with extern linkage and VARs of type void. In the {@code .kconfig} DATASEC each VAR becomes
 * allocated (its offset and the section size are the .kconfig map's, set by the DATASEC fix-ups); in
 * {@code .ksyms} each VAR becomes an allocated {@code int} in a 4-byte slot, since ksyms have no storage of their own.
 */
final class BtfExternFixups {
    private static final int VAR_GLOBAL_ALLOCATED = 1;

    private BtfExternFixups() {
    }

    static byte[] apply(Btf btf, byte[] out, int[] recordOffsets) throws BtfFormatException {
        ByteBuffer buf = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        for (BtfType t : btf.types()) {
            if (!(t instanceof BtfType.Datasec d) || d.id() < btf.firstOwnTypeId()) continue;
            boolean kconfig = d.name().equals(".kconfig");
            boolean ksyms = d.name().equals(".ksyms");
            if (!kconfig && !ksyms) continue;
            int intType = ksyms ? intTypeId(btf) : 0;
            for (int i = 0; i < d.vars().size(); i++) {
                BtfType entry = btf.type(d.vars().get(i).type());
                if (!(entry instanceof BtfType.Var var)) {
                    throw new BtfFormatException(btf.origin(), "DATASEC " + d.name() + " entry " + i + " is "
                            + BtfTypeGraph.describe(entry) + ": extern functions (kfuncs) are not supported");
                }
                int record = recordOffsets[var.id()];
                buf.putInt(record + 12, VAR_GLOBAL_ALLOCATED); // VAR: linkage follows the 12-byte header
                if (ksyms) {
                    buf.putInt(record + 8, intType);
                    int entryAt = recordOffsets[d.id()] + 12 + 12 * i;
                    buf.putInt(entryAt + 4, 4 * i).putInt(entryAt + 8, 4);
                }
            }
            if (ksyms) buf.putInt(recordOffsets[d.id()] + 8, 4 * d.vars().size());
            if (kconfig) sortByOffset(buf, recordOffsets[d.id()] + 12, d.vars().size());
        }
        return out;
    }

    /**
     * The kernel wants DATASEC entries in offset order; .kconfig VARs are declared in source order but placed by
     * alignment and size, so libbpf sorts them, and so do we.
     */
    private static void sortByOffset(ByteBuffer buf, int first, int count) {
        int[][] entries = new int[count][];
        for (int i = 0; i < count; i++) {
            int at = first + 12 * i;
            entries[i] = new int[] {buf.getInt(at), buf.getInt(at + 4), buf.getInt(at + 8)};
        }
        java.util.Arrays.sort(entries, (a, b) -> Integer.compareUnsigned(a[1], b[1]));
        for (int i = 0; i < count; i++) {
            int at = first + 12 * i;
            buf.putInt(at, entries[i][0]).putInt(at + 4, entries[i][1]).putInt(at + 8, entries[i][2]);
        }
    }

    /** A 4-byte int of the object's own, for ksym VARs to point at (libbpf's find_int_btf_id). */
    private static int intTypeId(Btf btf) throws BtfFormatException {
        for (BtfType t : btf.types()) {
            if (t instanceof BtfType.Int i && i.size() == 4 && i.bitOffset() == 0 && i.bits() == 32) return t.id();
        }
        throw new BtfFormatException(btf.origin(), ".ksyms externs need a 32-bit int type in the object's BTF, "
                + "which it lacks");
    }
}
