package io.bpfsh.engine.btf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

/**
 * Patches DATASEC records in a copy of the section bytes. A DATASEC record is the 12-byte type header (size at +8)
 * followed by one 12-byte entry per var: type id, offset (+4), size (+8).
 */
final class BtfDatasecFixups {
    private static final long U32_MAX = 0xffffffffL;

    private BtfDatasecFixups() {
    }

    static byte[] apply(Btf btf, byte[] out, int[] recordOffsets, Map<String, Long> sectionSizes,
            Map<String, Long> varOffsets) throws BtfFormatException {
        ByteBuffer buf = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        for (BtfType t : btf.types()) {
            if (!(t instanceof BtfType.Datasec d) || d.id() < btf.firstOwnTypeId()) continue; // a base has its own
            int record = recordOffsets[d.id()];
            Long newSize = sectionSizes.get(d.name());
            if (newSize != null) buf.putInt(record + 8, (int) checkU32(btf, newSize, "section " + d.name() + ": size"));
            long size = newSize != null ? newSize : d.size();
            boolean touched = newSize != null;
            for (BtfVarSecinfo v : d.vars()) {
                touched |= btf.type(v.type()) instanceof BtfType.Var var && varOffsets.containsKey(var.name());
            }
            for (int i = 0; i < d.vars().size(); i++) {
                BtfVarSecinfo v = d.vars().get(i);
                BtfType var = btf.type(v.type());
                Long newOffset = var instanceof BtfType.Var ? varOffsets.get(var.name()) : null;
                if (newOffset != null) {
                    long checked = checkU32(btf, newOffset, "var " + var.name() + ": offset (its symbol's value)");
                    buf.putInt(record + 12 + 12 * i + 4, (int) checked);
                }
                long offset = newOffset != null ? newOffset : v.offset();
                if (touched && offset + v.size() > size) {
                    throw new BtfFormatException(btf.origin(), "DATASEC " + d.name() + ": var " + var.name()
                            + " at offset " + offset + " with size " + v.size() + " extends past the section size "
                            + size);
                }
            }
        }
        return out;
    }

    /** ELF sizes and symbol values are 64-bit; the kernel's DATASEC fields are u32. */
    private static long checkU32(Btf btf, long value, String what) throws BtfFormatException {
        if (value < 0 || value > U32_MAX) {
            throw new BtfFormatException(btf.origin(), "DATASEC " + what + " " + Long.toUnsignedString(value)
                    + " does not fit the kernel's u32 (0.." + U32_MAX + ")");
        }
        return value;
    }
}
