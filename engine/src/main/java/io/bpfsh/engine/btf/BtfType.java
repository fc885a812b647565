package io.bpfsh.engine.btf;

import java.util.List;

/**
 * One decoded type record. Referenced type ids have been checked against the type count when the {@link Btf} was
 * parsed, so {@link Btf#type(int)} accepts any id found here. Unsigned 32-bit fields are widened to {@code long}.
 */
public sealed interface BtfType {
    int id();

    BtfKind kind();

    /** The record's name, empty when anonymous. */
    String name();

    /** Type id 0: no record, no size. */
    record Void() implements BtfType {
        public int id() { return 0; }
        public BtfKind kind() { return BtfKind.VOID; }
        public String name() { return "void"; }
    }

    /**
     * INT with its encoding word split up into the SIGNED, CHAR and BOOL flags; a non-zero {@code bitOffset} or short
     * {@code bits} is an old-style bitfield.
     */
    record Int(int id, String name, int size, boolean signed, boolean character, boolean bool, int bitOffset, int bits)
            implements BtfType {
        public BtfKind kind() { return BtfKind.INT; }
    }

    /** PTR, TYPEDEF, VOLATILE, CONST, RESTRICT and TYPE_TAG: a kind and the type id it refers to (0 = void). */
    record Ref(int id, BtfKind kind, String name, int type) implements BtfType {
    }

    record Array(int id, int elemType, int indexType, long nelems) implements BtfType {
        public BtfKind kind() { return BtfKind.ARRAY; }
        public String name() { return ""; }
    }

    /** STRUCT or UNION. */
    record Composite(int id, BtfKind kind, String name, long size, List<BtfMember> members) implements BtfType {
    }

    /** ENUM or ENUM64; {@code signed} is the kind flag. */
    record Enum(int id, BtfKind kind, String name, int size, boolean signed, List<BtfEnumValue> values)
            implements BtfType {
    }

    /** A forward declaration of a struct, or of a union when {@code union}. */
    record Fwd(int id, String name, boolean union) implements BtfType {
        public BtfKind kind() { return BtfKind.FWD; }
    }

    record Func(int id, String name, int protoType, int linkage) implements BtfType {
        public BtfKind kind() { return BtfKind.FUNC; }
    }

    record FuncProto(int id, int returnType, List<BtfParam> params) implements BtfType {
        public BtfKind kind() { return BtfKind.FUNC_PROTO; }
        public String name() { return ""; }
    }

    record Var(int id, String name, int type, int linkage) implements BtfType {
        public BtfKind kind() { return BtfKind.VAR; }
    }

    record Datasec(int id, String name, long size, List<BtfVarSecinfo> vars) implements BtfType {
        public BtfKind kind() { return BtfKind.DATASEC; }
    }

    record Float(int id, String name, int size) implements BtfType {
        public BtfKind kind() { return BtfKind.FLOAT; }
    }

    /** A tag on {@code type}, or on its member or parameter number {@code componentIdx} when that is not -1. */
    record DeclTag(int id, String name, int type, int componentIdx) implements BtfType {
        public BtfKind kind() { return BtfKind.DECL_TAG; }
    }
}
