package io.bpfsh.engine.btf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes {@code .BTF.ext}. Hand-written because the format is BPF-specific (no library reads it): a header with
 * the offset and length of up to three sub-sections, each a record size followed by blocks of
 * {@code {section name, count, records}}. Every offset, length, count and record size is checked against the bytes
 * present before use, and every type id and string offset against the object's .BTF, so that corrupt input fails
 * with one line naming the section rather than an exception or a huge allocation.
 */
final class BtfExtReader {
    private static final int MIN_HEADER = 24;
    private static final int CORE_HEADER = 32;
    private static final int FUNC_INFO_SIZE = 8;
    private static final int LINE_INFO_SIZE = 16;
    private static final int CORE_RELO_SIZE = 16;

    private final String origin;
    private final byte[] data;
    private final ByteBuffer buf;
    private final Btf btf;

    BtfExtReader(String origin, byte[] data, Btf btf) {
        this.origin = origin;
        this.data = data.clone();
        this.buf = ByteBuffer.wrap(this.data).order(ByteOrder.LITTLE_ENDIAN);
        this.btf = btf;
    }

    /** One block's records: its ELF section name and where its records start. */
    private record Block(String section, int start, int count, int recordSize) {
    }

    BtfExt read() throws BtfFormatException {
        if (data.length < MIN_HEADER) {
            throw fail("section is " + data.length + " bytes, shorter than the " + MIN_HEADER + "-byte header");
        }
        int magic = buf.getShort(0) & 0xffff;
        if (magic == 0x9feb) throw fail("magic 0x9feb means big-endian BTF, which is not supported");
        if (magic != BtfHeader.MAGIC) throw fail(String.format("bad magic 0x%04x, expected 0xeb9f", magic));
        if (data[2] != 1) throw fail("unsupported version " + (data[2] & 0xff) + ", expected 1");
        if (data[3] != 0) throw fail("unsupported flags 0x" + Integer.toHexString(data[3] & 0xff) + ", expected 0");
        long hdrLen = u32(4);
        if (hdrLen < MIN_HEADER || hdrLen > data.length) {
            throw fail("header length " + hdrLen + " is outside " + MIN_HEADER + ".." + data.length
                    + ", the section's size");
        }
        Map<String, List<BtfFuncInfo>> funcs = new LinkedHashMap<>();
        for (Block b : blocks("func_info", hdrLen, u32(8), u32(12), FUNC_INFO_SIZE)) {
            List<BtfFuncInfo> out = new ArrayList<>(b.count());
            for (int i = 0, p = b.start(); i < b.count(); i++, p += b.recordSize()) {
                String what = "func_info record " + i + " of section " + b.section();
                int type = typeId(u32(p + 4), what);
                if (!(btf.type(type) instanceof BtfType.Func)) {
                    throw fail(what + ": " + BtfTypeGraph.describe(btf.type(type)) + " is not a FUNC");
                }
                out.add(new BtfFuncInfo(insnOffset(u32(p), what), type));
            }
            put(funcs, b.section(), out, "func_info");
        }
        Map<String, List<BtfLineInfo>> lines = new LinkedHashMap<>();
        for (Block b : blocks("line_info", hdrLen, u32(16), u32(20), LINE_INFO_SIZE)) {
            List<BtfLineInfo> out = new ArrayList<>(b.count());
            for (int i = 0, p = b.start(); i < b.count(); i++, p += b.recordSize()) {
                String what = "line_info record " + i + " of section " + b.section();
                out.add(new BtfLineInfo(insnOffset(u32(p), what), stringOffset(u32(p + 4), what + " file name"),
                        stringOffset(u32(p + 8), what + " line"), buf.getInt(p + 12)));
            }
            put(lines, b.section(), out, "line_info");
        }
        Map<String, List<BtfCoreRelo>> relos = new LinkedHashMap<>();
        if (hdrLen >= CORE_HEADER) {
            for (Block b : blocks("core_relo", hdrLen, u32(24), u32(28), CORE_RELO_SIZE)) {
                List<BtfCoreRelo> out = new ArrayList<>(b.count());
                for (int i = 0, p = b.start(); i < b.count(); i++, p += b.recordSize()) {
                    String what = "core_relo record " + i + " of section " + b.section();
                    int type = typeId(u32(p + 4), what);
                    String access = btf.string(stringOffset(u32(p + 8), what + " access string"));
                    out.add(new BtfCoreRelo(insnOffset(u32(p), what), type, access, buf.getInt(p + 12)));
                }
                put(relos, b.section(), out, "core_relo");
            }
        }
        return new BtfExt(origin, funcs, lines, relos);
    }

    /** The blocks of one sub-section: a u32 record size, then {name offset, count, count records} to its end. */
    private List<Block> blocks(String what, long hdrLen, long off, long len, int minRecord) throws BtfFormatException {
        List<Block> out = new ArrayList<>();
        if (len == 0) return out;
        long start = hdrLen + off;
        if (off % 4 != 0) throw fail(what + " offset " + off + " is not 4-byte aligned");
        if (start + len > data.length) {
            throw fail(what + " extends past the end (offset " + start + " + length " + len + " > " + data.length
                    + ")");
        }
        if (len < 4) throw fail(what + " is " + len + " bytes, too short for its record size");
        long end = start + len;
        long recordSize = u32((int) start);
        if (recordSize < minRecord || recordSize % 4 != 0 || recordSize > len) {
            throw fail(what + " record size " + recordSize + " is not a multiple of 4 between " + minRecord
                    + " and the sub-section's " + len + " bytes");
        }
        long p = start + 4;
        while (p < end) { // each block takes at least 8 + recordSize bytes, so this ends
            if (end - p < 8) throw fail(what + ": block at offset " + p + " is cut off by the sub-section's end");
            long nameOff = u32((int) p);
            long count = u32((int) p + 4);
            String section = btf.string(stringOffset(nameOff, what + " block at offset " + p + " section name"));
            if (count == 0) throw fail(what + " of section " + section + " has no records");
            if (count > (end - p - 8) / recordSize) {
                throw fail(what + " of section " + section + ": " + count + " records of " + recordSize
                        + " bytes do not fit the " + (end - p - 8) + " bytes left");
            }
            out.add(new Block(section, (int) p + 8, (int) count, (int) recordSize));
            p += 8 + count * recordSize;
        }
        return out;
    }

    private <T> void put(Map<String, List<T>> map, String section, List<T> records, String what)
            throws BtfFormatException {
        if (map.putIfAbsent(section, List.copyOf(records)) != null) {
            throw fail(what + " lists section " + section + " twice");
        }
    }

    private long insnOffset(long stored, String what) throws BtfFormatException {
        if (stored % 8 != 0) throw fail(what + ": instruction offset " + stored + " is not a multiple of 8");
        return stored;
    }

    private int typeId(long stored, String what) throws BtfFormatException {
        if (stored > btf.typeCount()) {
            throw fail(what + " refers to type " + stored + ", but only " + btf.typeCount() + " types exist");
        }
        return (int) stored;
    }

    private int stringOffset(long stored, String what) throws BtfFormatException {
        if (stored >= btf.strings().total()) {
            throw fail(what + ": string offset " + stored + " is outside the " + btf.strings().total()
                    + "-byte .BTF string section");
        }
        return (int) stored;
    }

    private long u32(int pos) {
        return buf.getInt(pos) & 0xffffffffL;
    }

    private BtfFormatException fail(String detail) {
        return new BtfFormatException(origin, detail);
    }
}
