package io.bpfsh.engine.btf;

/**
 * Spells a type roughly as C would, for messages and listings. Not a declaration printer: function pointers and
 * nested declarators are simplified. Nesting is cut off after a fixed depth so that a long chain cannot produce an
 * unbounded string.
 */
final class BtfTypeNames {
    private static final int MAX_DEPTH = 16;

    private BtfTypeNames() {
    }

    static String of(Btf btf, int typeId) {
        return of(btf, typeId, 0);
    }

    private static String of(Btf btf, int typeId, int depth) {
        if (depth > MAX_DEPTH) return "...";
        BtfType t = btf.type(typeId);
        String name = t.name().isEmpty() ? "(anon)" : t.name();
        switch (t.kind()) {
            case VOID: return "void";
            case STRUCT: case UNION: return t.kind().name().toLowerCase() + " " + name;
            case ENUM: case ENUM64: return "enum " + name;
            case FWD: return (((BtfType.Fwd) t).union() ? "union " : "struct ") + name;
            case PTR: return of(btf, ((BtfType.Ref) t).type(), depth + 1) + " *";
            case CONST: case VOLATILE: case RESTRICT:
                return t.kind().name().toLowerCase() + " " + of(btf, ((BtfType.Ref) t).type(), depth + 1);
            case TYPE_TAG: return of(btf, ((BtfType.Ref) t).type(), depth + 1);
            case ARRAY: {
                StringBuilder dims = new StringBuilder();
                while (t instanceof BtfType.Array a && depth++ <= MAX_DEPTH) { // int[2][3] is ARRAY 2 of ARRAY 3
                    dims.append('[').append(a.nelems()).append(']');
                    t = btf.type(a.elemType());
                }
                return of(btf, t.id(), depth + 1) + dims;
            }
            case FUNC_PROTO: return of(btf, ((BtfType.FuncProto) t).returnType(), depth + 1) + " (...)";
            case FUNC: return "func " + name;
            case DATASEC: return "section " + name;
            case DECL_TAG: return "tag " + name;
            default: return name; // INT, FLOAT, TYPEDEF, VAR
        }
    }
}
