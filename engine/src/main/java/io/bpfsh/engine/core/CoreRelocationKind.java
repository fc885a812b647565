package io.bpfsh.engine.core;

/**
 * {@code enum bpf_core_relo_kind}: what a CO-RE relocation asks the loader to compute. Names are libbpf's, so that
 * listings read the same as its debug output.
 */
public enum CoreRelocationKind {
    FIELD_BYTE_OFFSET("byte_off"),
    FIELD_BYTE_SIZE("byte_sz"),
    FIELD_EXISTS("field_exists"),
    FIELD_SIGNED("signed"),
    FIELD_LSHIFT_U64("lshift_u64"),
    FIELD_RSHIFT_U64("rshift_u64"),
    TYPE_ID_LOCAL("local_type_id"),
    TYPE_ID_TARGET("target_type_id"),
    TYPE_EXISTS("type_exists"),
    TYPE_SIZE("type_size"),
    ENUMVAL_EXISTS("enumval_exists"),
    ENUMVAL_VALUE("enumval_value"),
    TYPE_MATCHES("type_matches");

    private static final CoreRelocationKind[] BY_CODE = values();
    private final String label;

    CoreRelocationKind(String label) {
        this.label = label;
    }

    /** The kind stored as {@code code}, or null for a kind this loader does not know. */
    public static CoreRelocationKind of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    public int code() {
        return ordinal();
    }

    /** libbpf's short name, e.g. {@code byte_off}. */
    public String label() {
        return label;
    }

    /** Kinds whose access string walks members and array elements. */
    public boolean isField() {
        return ordinal() <= FIELD_RSHIFT_U64.ordinal();
    }

    /** Kinds about a whole type; their access string is "0". */
    public boolean isType() {
        return this == TYPE_ID_LOCAL || this == TYPE_ID_TARGET || this == TYPE_EXISTS || this == TYPE_SIZE
                || this == TYPE_MATCHES;
    }

    /** Kinds about one enumerator; their access string is its index. */
    public boolean isEnumValue() {
        return this == ENUMVAL_EXISTS || this == ENUMVAL_VALUE;
    }
}
