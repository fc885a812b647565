package io.bpfsh.engine.btf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Assembles .BTF section bytes for tests, so that they do not depend on a compiler. Ids are handed out from 1. */
final class BtfBuilder {
    static final int SIGNED = 1, CHAR = 2, BOOL = 4;

    private final ByteArrayOutputStream types = new ByteArrayOutputStream();
    private final ByteArrayOutputStream strings = new ByteArrayOutputStream();
    private final Map<String, Integer> offsets = new HashMap<>();
    private int nextId = 1;
    /** Split BTF: where this builder's strings start in the combined string offsets (0 on its own). */
    private int stringBase;

    BtfBuilder() {
        strings.write(0);
        offsets.put("", 0);
    }

    /** A module's split BTF on {@code base}: ids and string offsets continue after the base's. */
    static BtfBuilder splitOn(Btf base) {
        BtfBuilder b = new BtfBuilder();
        b.strings.reset();
        b.stringBase = base.strings().total();
        b.nextId = base.typeCount() + 1;
        return b;
    }

    /** Offset of {@code s} in the string section, adding it on first use. */
    int str(String s) {
        return offsets.computeIfAbsent(s, k -> {
            int off = stringBase + strings.size();
            strings.writeBytes(k.getBytes(StandardCharsets.UTF_8));
            strings.write(0);
            return off;
        });
    }

    /** Any record, with its kind-specific data words; returns its id. */
    int raw(int nameOff, int info, int sizeOrType, int... data) {
        word(nameOff);
        word(info);
        word(sizeOrType);
        for (int d : data) word(d);
        return nextId++;
    }

    /** Bare words in the type section, e.g. a truncated record. */
    void words(int... words) {
        for (int w : words) word(w);
    }

    static int info(BtfKind kind, int vlen, boolean kindFlag) {
        return (kindFlag ? 1 << 31 : 0) | kind.code() << 24 | vlen;
    }

    int integer(String name, int size, int encoding) {
        return integer(name, size, encoding, 0, size * 8);
    }

    int integer(String name, int size, int encoding, int bitOffset, int bits) {
        return raw(str(name), info(BtfKind.INT, 0, false), size, encoding << 24 | bitOffset << 16 | bits);
    }

    /** PTR, TYPEDEF, VOLATILE, CONST, RESTRICT, TYPE_TAG. */
    int ref(BtfKind kind, String name, int type) {
        return raw(str(name), info(kind, 0, false), type);
    }

    int array(int elem, int index, int nelems) {
        return raw(0, info(BtfKind.ARRAY, 0, false), 0, elem, index, nelems);
    }

    /** Members as (name, type, bit offset, bitfield size) quadruples; any bitfield size sets the kind flag. */
    int composite(BtfKind kind, String name, int size, Object... members) {
        boolean flag = false;
        for (int i = 3; i < members.length; i += 4) flag |= (Integer) members[i] != 0;
        int[] data = new int[members.length / 4 * 3];
        for (int i = 0, j = 0; i < members.length; i += 4, j += 3) {
            data[j] = str((String) members[i]);
            data[j + 1] = (Integer) members[i + 1];
            int offset = (Integer) members[i + 2];
            data[j + 2] = flag ? (Integer) members[i + 3] << 24 | offset : offset;
        }
        return raw(str(name), info(kind, members.length / 4, flag), size, data);
    }

    int struct(String name, int size, Object... members) {
        return composite(BtfKind.STRUCT, name, size, members);
    }

    /** Enumerators as (name, value) pairs. */
    int enumeration(String name, int size, boolean signed, Object... values) {
        int[] data = new int[values.length];
        for (int i = 0; i < values.length; i += 2) {
            data[i] = str((String) values[i]);
            data[i + 1] = ((Number) values[i + 1]).intValue();
        }
        return raw(str(name), info(BtfKind.ENUM, values.length / 2, signed), size, data);
    }

    int enum64(String name, int size, boolean signed, Object... values) {
        int[] data = new int[values.length / 2 * 3];
        for (int i = 0, j = 0; i < values.length; i += 2, j += 3) {
            long v = ((Number) values[i + 1]).longValue();
            data[j] = str((String) values[i]);
            data[j + 1] = (int) v;
            data[j + 2] = (int) (v >>> 32);
        }
        return raw(str(name), info(BtfKind.ENUM64, values.length / 2, signed), size, data);
    }

    int fwd(String name, boolean union) {
        return raw(str(name), info(BtfKind.FWD, 0, union), 0);
    }

    int func(String name, int proto, int linkage) {
        return raw(str(name), info(BtfKind.FUNC, linkage, false), proto);
    }

    /** Parameters as (name, type) pairs. */
    int funcProto(int returnType, Object... params) {
        int[] data = new int[params.length];
        for (int i = 0; i < params.length; i += 2) {
            data[i] = str((String) params[i]);
            data[i + 1] = (Integer) params[i + 1];
        }
        return raw(0, info(BtfKind.FUNC_PROTO, params.length / 2, false), returnType, data);
    }

    int var(String name, int type, int linkage) {
        return raw(str(name), info(BtfKind.VAR, 0, false), type, linkage);
    }

    /** Entries as (type, offset, size) triples. */
    int datasec(String name, int size, int... entries) {
        return raw(str(name), info(BtfKind.DATASEC, entries.length / 3, false), size, entries);
    }

    int floating(String name, int size) {
        return raw(str(name), info(BtfKind.FLOAT, 0, false), size);
    }

    int declTag(String name, int type, int componentIdx) {
        return raw(str(name), info(BtfKind.DECL_TAG, 0, false), type, componentIdx);
    }

    /** Header (24 bytes), then the type section, then the string section. */
    byte[] build() {
        byte[] t = types.toByteArray();
        byte[] s = strings.toByteArray();
        ByteBuffer b = ByteBuffer.allocate(24 + t.length + s.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0xeb9f).put((byte) 1).put((byte) 0).putInt(24);
        b.putInt(0).putInt(t.length).putInt(t.length).putInt(s.length);
        b.put(t).put(s);
        return b.array();
    }

    Btf parse() throws BtfFormatException {
        return Btf.parse("test.o: .BTF", build());
    }

    private void word(int w) {
        types.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(w).array());
    }
}
