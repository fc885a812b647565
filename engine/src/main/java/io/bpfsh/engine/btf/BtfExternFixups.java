package io.bpfsh.engine.btf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Makes the extern declarations of an object's BTF acceptable to the kernel, as libbpf does before BTF_LOAD: the
 * kernel refuses VARs with extern linkage, VARs of type void, and functions in a DATASEC. In the {@code .kconfig}
 * DATASEC each VAR becomes allocated (its offset and the section size are the .kconfig map's, set by the DATASEC
 * fix-ups) and the entries are sorted by offset; in {@code .ksyms} each VAR becomes an allocated {@code int} in a
 * 4-byte slot, and each kernel function (kfunc) is replaced by one added VAR {@code dummy_ksym}, the function
 * itself made global with every unnamed parameter named after that VAR (the kernel wants names on global
 * functions).
 */
final class BtfExternFixups {
    private static final int VAR_GLOBAL_ALLOCATED = 1;
    private static final int FUNC_GLOBAL = 1;
    private static final String DUMMY = "dummy_ksym";

    private BtfExternFixups() {
    }

    static byte[] apply(Btf btf, byte[] out, int[] recordOffsets) throws BtfFormatException {
        ByteBuffer buf = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        int dummyId = 0;
        int dummyName = 0;
        for (BtfType t : btf.types()) {
            if (!(t instanceof BtfType.Datasec d) || d.id() < btf.firstOwnTypeId()) continue;
            boolean kconfig = d.name().equals(".kconfig");
            boolean ksyms = d.name().equals(".ksyms");
            if (!kconfig && !ksyms) continue;
            int intType = ksyms ? intTypeId(btf) : 0;
            for (int i = 0; i < d.vars().size(); i++) {
                BtfType entry = btf.type(d.vars().get(i).type());
                int entryAt = recordOffsets[d.id()] + 12 + 12 * i;
                if (entry instanceof BtfType.Func f && ksyms) {
                    if (dummyId == 0) {
                        dummyId = btf.typeCount() + 1;
                        dummyName = (int) btf.header().strLen();
                    }
                    buf.putInt(recordOffsets[f.id()] + 4, BtfKind.FUNC.code() << 24 | FUNC_GLOBAL);
                    nameParameters(btf, buf, recordOffsets, f, dummyName);
                    buf.putInt(entryAt, dummyId).putInt(entryAt + 4, 4 * i).putInt(entryAt + 8, 4);
                    continue;
                }
                if (!(entry instanceof BtfType.Var var)) {
                    throw new BtfFormatException(btf.origin(), "DATASEC " + d.name() + " entry " + i + " is "
                            + BtfTypeGraph.describe(entry) + ", which an extern cannot be");
                }
                int record = recordOffsets[var.id()];
                buf.putInt(record + 12, VAR_GLOBAL_ALLOCATED); // VAR: linkage follows the 12-byte header
                if (ksyms) {
                    buf.putInt(record + 8, intType);
                    buf.putInt(entryAt + 4, 4 * i).putInt(entryAt + 8, 4);
                }
            }
            if (ksyms) buf.putInt(recordOffsets[d.id()] + 8, 4 * d.vars().size());
            if (kconfig) sortByOffset(buf, recordOffsets[d.id()] + 12, d.vars().size());
        }
        return dummyId == 0 ? out : withDummyVar(btf, out, intTypeId(btf));
    }

    /** Unnamed parameters of a kfunc's prototype get the dummy VAR's name, as libbpf gives them. */
    private static void nameParameters(Btf btf, ByteBuffer buf, int[] recordOffsets, BtfType.Func f, int name) {
        BtfType.FuncProto proto = (BtfType.FuncProto) btf.type(f.protoType());
        for (int j = 0; j < proto.params().size(); j++) {
            BtfParam p = proto.params().get(j);
            if (p.type() != 0 && p.name().isEmpty()) buf.putInt(recordOffsets[proto.id()] + 12 + 8 * j, name);
        }
    }

    /** The section with one more type, VAR dummy_ksym of type int, and its name at the end of the strings. */
    private static byte[] withDummyVar(Btf btf, byte[] in, int intType) throws BtfFormatException {
        BtfHeader h = btf.header();
        if (h.typeOff() != 0 || h.strOff() != h.typeLen() || h.hdrLen() + h.typeLen() + h.strLen() != in.length) {
            throw new BtfFormatException(btf.origin(), "kfunc externs need the types before the strings with "
                    + "nothing between, as clang writes them");
        }
        byte[] name = (DUMMY + "\0").getBytes(StandardCharsets.US_ASCII);
        int typesEnd = (int) (h.hdrLen() + h.typeLen());
        ByteBuffer out = ByteBuffer.allocate(in.length + 16 + name.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(in, 0, typesEnd);
        out.putInt((int) h.strLen()).putInt(BtfKind.VAR.code() << 24).putInt(intType).putInt(VAR_GLOBAL_ALLOCATED);
        out.put(in, typesEnd, in.length - typesEnd).put(name);
        out.putInt(12, (int) h.typeLen() + 16).putInt(16, (int) h.strOff() + 16)
                .putInt(20, (int) h.strLen() + name.length);
        return out.array();
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
