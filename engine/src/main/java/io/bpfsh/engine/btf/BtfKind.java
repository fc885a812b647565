package io.bpfsh.engine.btf;

/** The kind of a BTF type record; {@link #code()} is the value stored in bits 24-28 of its info word. */
public enum BtfKind {
    /** Type id 0 only; never stored in a type section. */
    VOID,
    INT, PTR, ARRAY, STRUCT, UNION, ENUM, FWD, TYPEDEF, VOLATILE, CONST, RESTRICT,
    FUNC, FUNC_PROTO, VAR, DATASEC, FLOAT, DECL_TAG, TYPE_TAG, ENUM64;

    private static final BtfKind[] BY_CODE = values();

    public int code() {
        return ordinal();
    }

    /** The kind stored as {@code code}, or null if this reader does not know it (0 is not a storable kind either). */
    static BtfKind ofCode(int code) {
        return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** Kinds that only qualify or rename another type; sizes, values and layouts look through them. */
    public boolean isModifierOrTypedef() {
        return this == TYPEDEF || this == VOLATILE || this == CONST || this == RESTRICT || this == TYPE_TAG;
    }
}
