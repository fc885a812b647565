package io.bpfsh.engine.core;

import io.bpfsh.engine.btf.Btf;
import io.bpfsh.engine.btf.BtfEnumValue;
import io.bpfsh.engine.btf.BtfKind;
import io.bpfsh.engine.btf.BtfMember;
import io.bpfsh.engine.btf.BtfParam;
import io.bpfsh.engine.btf.BtfType;
import java.util.List;

/**
 * When a type in the object stands for a type in the kernel: libbpf's rules (relo_core.c), which decide both which
 * candidates are considered and when a relocation resolves. Following them exactly is what makes bpfsh load an object
 * the way libbpf does.
 */
final class CoreCompatibility {
    /** libbpf bounds the recursion of its type comparisons at this depth. */
    private static final int MAX_DEPTH = 32;

    private CoreCompatibility() {
    }

    /**
     * The length of a name without its flavor: {@code task_struct___v2} is {@code task_struct}. The suffix starts at
     * the last {@code ___} that has a character other than {@code _} on both sides.
     */
    static int essentialLength(String name) {
        for (int i = name.length() - 5; i >= 0; i--) {
            if (name.charAt(i) != '_' && name.charAt(i + 1) == '_' && name.charAt(i + 2) == '_'
                    && name.charAt(i + 3) == '_' && name.charAt(i + 4) != '_') {
                return i + 1;
            }
        }
        return name.length();
    }

    static String essentialName(String name) {
        return name.substring(0, essentialLength(name));
    }

    /** Same kind, or enum and enum64 (either width stands for the other). */
    static boolean kindsCompatible(BtfType a, BtfType b) {
        return a.kind() == b.kind() || (isEnum(a) && isEnum(b));
    }

    private static boolean isEnum(BtfType t) {
        return t.kind() == BtfKind.ENUM || t.kind() == BtfKind.ENUM64;
    }

    /** An INT that is not an old-style bitfield (a non-zero bit offset in its encoding). */
    private static boolean plainInt(BtfType t) {
        return ((BtfType.Int) t).bitOffset() == 0;
    }

    /** libbpf's {@code bpf_core_fields_are_compat}: may a field of local type stand for the target's? */
    static boolean fieldsCompatible(Btf local, int localId, Btf target, int targetId) throws CoreException {
        for (int depth = 0; depth < MAX_DEPTH; depth++) { // libbpf recurses through arrays without a bound
            BtfType l = local.type(local.resolve(localId));
            BtfType t = target.type(target.resolve(targetId));
            if (l instanceof BtfType.Composite && t instanceof BtfType.Composite) return true;
            if (!kindsCompatible(l, t)) return false;
            switch (l.kind()) {
                case PTR: case FLOAT:
                    return true;
                case FWD: case ENUM: case ENUM64: {
                    int ll = essentialLength(l.name());
                    int tl = essentialLength(t.name());
                    return ll == 0 || tl == 0 || (ll == tl && l.name().regionMatches(0, t.name(), 0, ll));
                }
                case INT:
                    return plainInt(l) && plainInt(t);
                case ARRAY:
                    localId = ((BtfType.Array) l).elemType();
                    targetId = ((BtfType.Array) t).elemType();
                    continue;
                default:
                    return false;
            }
        }
        throw new CoreException("array nesting deeper than " + MAX_DEPTH + " levels");
    }

    /** libbpf's {@code bpf_core_types_are_compat}, for type_exists, type_size and the type id kinds. */
    static boolean typesCompatible(Btf local, int localId, Btf target, int targetId, int level) throws CoreException {
        if (!kindsCompatible(local.type(localId), target.type(targetId))) return false;
        for (int depth = MAX_DEPTH; depth > 0; depth--) {
            BtfType l = local.type(local.resolve(localId));
            BtfType t = target.type(target.resolve(targetId));
            if (!kindsCompatible(l, t)) return false;
            switch (l.kind()) {
                case VOID: case STRUCT: case UNION: case ENUM: case ENUM64: case FWD:
                    return true;
                case INT:
                    return plainInt(l) && plainInt(t);
                case PTR:
                    localId = ((BtfType.Ref) l).type();
                    targetId = ((BtfType.Ref) t).type();
                    continue;
                case ARRAY:
                    localId = ((BtfType.Array) l).elemType();
                    targetId = ((BtfType.Array) t).elemType();
                    continue;
                case FUNC_PROTO: {
                    List<BtfParam> lp = ((BtfType.FuncProto) l).params();
                    List<BtfParam> tp = ((BtfType.FuncProto) t).params();
                    if (lp.size() != tp.size()) return false;
                    for (int i = 0; i < lp.size(); i++) {
                        if (level <= 0) throw new CoreException("function types nest deeper than " + MAX_DEPTH);
                        if (!typesCompatible(local, local.resolve(lp.get(i).type()), target,
                                target.resolve(tp.get(i).type()), level - 1)) {
                            return false;
                        }
                    }
                    localId = local.resolve(((BtfType.FuncProto) l).returnType());
                    targetId = target.resolve(((BtfType.FuncProto) t).returnType());
                    continue;
                }
                default:
                    return false;
            }
        }
        throw new CoreException("types nest deeper than " + MAX_DEPTH + " levels");
    }

    static boolean typesCompatible(Btf local, int localId, Btf target, int targetId) throws CoreException {
        return typesCompatible(local, localId, target, targetId, MAX_DEPTH);
    }

    /**
     * libbpf's {@code bpf_core_names_match}: an anonymous side matches anything, else the target's name must start
     * with the local one's essential part.
     */
    private static boolean namesMatch(String local, String target) {
        if (local.isEmpty() || target.isEmpty()) return true;
        int n = essentialLength(local);
        return target.length() >= n && target.regionMatches(0, local, 0, n);
    }

    /**
     * libbpf's {@code bpf_core_types_match} (type_matches): stricter than compatibility. Ints agree in size and sign,
     * every local member and enumerator has a same-named counterpart of a matching type, arrays agree in length,
     * and behind a pointer a struct may stand for a forward declaration of it.
     */
    static boolean typesMatch(Btf local, int localId, Btf target, int targetId, boolean behindPointer, int level)
            throws CoreException {
        if (level <= 0) throw new CoreException("types nest deeper than " + MAX_DEPTH + " levels");
        for (int depth = MAX_DEPTH; depth > 0; depth--) {
            BtfType l = local.type(local.resolve(localId));
            BtfType t = target.type(target.resolve(targetId));
            if (!namesMatch(l.id() == 0 ? "" : l.name(), t.id() == 0 ? "" : t.name())) return false;
            switch (l.kind()) {
                case VOID:
                    return t.kind() == BtfKind.VOID;
                case FWD: {
                    boolean union = ((BtfType.Fwd) l).union();
                    if (t instanceof BtfType.Fwd f) return union == f.union();
                    if (!behindPointer) return false;
                    return (t.kind() == BtfKind.STRUCT && !union) || (t.kind() == BtfKind.UNION && union);
                }
                case ENUM: case ENUM64:
                    return isEnum(t) && enumsMatch((BtfType.Enum) l, (BtfType.Enum) t);
                case STRUCT: case UNION:
                    if (behindPointer) {
                        if (l.kind() == t.kind()) return true;
                        return t instanceof BtfType.Fwd f && f.union() == (l.kind() == BtfKind.UNION);
                    }
                    return l.kind() == t.kind() && compositesMatch(local, (BtfType.Composite) l, target,
                            (BtfType.Composite) t, behindPointer, level);
                case INT:
                    return t instanceof BtfType.Int ti && ((BtfType.Int) l).size() == ti.size()
                            && ((BtfType.Int) l).signed() == ti.signed();
                case PTR:
                    if (t.kind() != BtfKind.PTR) return false;
                    behindPointer = true;
                    localId = ((BtfType.Ref) l).type();
                    targetId = ((BtfType.Ref) t).type();
                    continue;
                case ARRAY:
                    if (!(t instanceof BtfType.Array ta) || ((BtfType.Array) l).nelems() != ta.nelems()) return false;
                    localId = ((BtfType.Array) l).elemType();
                    targetId = ta.elemType();
                    continue;
                case FUNC_PROTO: {
                    if (!(t instanceof BtfType.FuncProto tf)) return false;
                    BtfType.FuncProto lf = (BtfType.FuncProto) l;
                    if (lf.params().size() != tf.params().size()) return false;
                    for (int i = 0; i < lf.params().size(); i++) {
                        if (!typesMatch(local, lf.params().get(i).type(), target, tf.params().get(i).type(),
                                behindPointer, level - 1)) {
                            return false;
                        }
                    }
                    localId = lf.returnType();
                    targetId = tf.returnType();
                    continue;
                }
                default:
                    return false;
            }
        }
        throw new CoreException("types nest deeper than " + MAX_DEPTH + " levels");
    }

    private static boolean enumsMatch(BtfType.Enum l, BtfType.Enum t) {
        if (l.size() != t.size() || l.values().size() > t.values().size()) return false;
        for (BtfEnumValue lv : l.values()) {
            if (t.values().stream().noneMatch(tv -> namesMatch(lv.name(), tv.name()))) return false;
        }
        return true;
    }

    private static boolean compositesMatch(Btf local, BtfType.Composite l, Btf target, BtfType.Composite t,
            boolean behindPointer, int level) throws CoreException {
        if (l.members().size() > t.members().size()) return false;
        for (BtfMember lm : l.members()) {
            boolean matched = false;
            for (BtfMember tm : t.members()) {
                if (namesMatch(lm.name(), tm.name())
                        && typesMatch(local, lm.type(), target, tm.type(), behindPointer, level - 1)) {
                    matched = true;
                    break;
                }
            }
            if (!matched) return false;
        }
        return true;
    }

    /** E.g. {@code struct task_struct}, {@code enum pid_type}, {@code typedef u32}, as libbpf's messages spell. */
    static String kindAndName(Btf btf, int id) {
        BtfType t = btf.type(id);
        String kind = t.kind() == BtfKind.ENUM64 ? "enum64" : t.kind().name().toLowerCase(java.util.Locale.ROOT);
        return kind + " " + (t.name().isEmpty() ? "<anon>" : t.name());
    }
}
