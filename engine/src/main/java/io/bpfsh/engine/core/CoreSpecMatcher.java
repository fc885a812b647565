package io.bpfsh.engine.core;

import io.bpfsh.engine.btf.Btf;
import io.bpfsh.engine.btf.BtfEnumValue;
import io.bpfsh.engine.btf.BtfMember;
import io.bpfsh.engine.btf.BtfType;

/**
 * Walks a local spec's steps through a candidate type of the target BTF, as libbpf's {@code bpf_core_spec_match}:
 * members by name (looking through anonymous members), array elements by index, enumerators by essential name.
 */
final class CoreSpecMatcher {
    private CoreSpecMatcher() {
    }

    /** The target spec, or null if the candidate does not match. */
    static CoreSpec match(CoreSpec local, Btf target, int targetId) throws CoreException {
        CoreSpec spec = new CoreSpec(target, targetId, local.kind);
        if (local.kind.isType()) {
            boolean ok = local.kind == CoreRelocationKind.TYPE_MATCHES
                    ? CoreCompatibility.typesMatch(local.btf, local.rootTypeId, target, targetId, false, 32)
                    : CoreCompatibility.typesCompatible(local.btf, local.rootTypeId, target, targetId);
            return ok ? spec : null;
        }
        if (local.kind.isEnumValue()) {
            int id = target.resolve(targetId);
            if (!(target.type(id) instanceof BtfType.Enum e)) return null;
            String name = local.accessors.get(0).name();
            int n = CoreCompatibility.essentialLength(name);
            for (int i = 0; i < e.values().size(); i++) {
                BtfEnumValue v = e.values().get(i);
                if (CoreCompatibility.essentialLength(v.name()) == n && v.name().regionMatches(0, name, 0, n)) {
                    spec.accessors.add(new CoreAccessor(id, i, v.name()));
                    spec.raw.add(i);
                    return spec;
                }
            }
            return null;
        }
        int id = targetId;
        for (int i = 0; i < local.accessors.size(); i++) {
            CoreAccessor step = local.accessors.get(i);
            id = target.resolve(id);
            BtfType t = target.type(id);
            if (step.name() != null) {
                int[] next = new int[1];
                if (!matchMember(local.btf, step, target, id, spec, next)) return null;
                id = next[0];
                continue;
            }
            if (i > 0) { // the root is stepped through as an array of itself
                if (!(t instanceof BtfType.Array a)) return null;
                if (!CoreSpec.isFlexible(target, spec.last(), a) && step.index() >= a.nelems()) return null;
                id = target.resolve(a.elemType());
            }
            if (spec.raw.size() == CoreSpec.MAX_LEN) throw new CoreException("target access deeper than 64 steps");
            spec.accessors.add(new CoreAccessor(id, step.index(), null));
            spec.raw.add(step.index());
            spec.addBits(step.index(), CoreSpec.sizeOf(target, id) * 8);
        }
        return spec;
    }

    /**
     * Finds the member the local step names in target composite {@code id}, descending into anonymous members, and
     * records it in {@code spec}; {@code next[0]} gets the member's type. A same-named member of an incompatible
     * type ends the search with no match, as in libbpf.
     */
    private static boolean matchMember(Btf local, CoreAccessor step, Btf target, int id, CoreSpec spec, int[] next)
            throws CoreException {
        BtfType t = target.type(target.resolve(id));
        if (!(t instanceof BtfType.Composite c)) return false;
        BtfMember localMember = ((BtfType.Composite) local.type(step.typeId())).members().get(step.index());
        for (int i = 0; i < c.members().size(); i++) {
            BtfMember m = c.members().get(i);
            if (spec.raw.size() == CoreSpec.MAX_LEN) throw new CoreException("target access deeper than 64 steps");
            long before = spec.bitOffset;
            int rawBefore = spec.raw.size();
            spec.addBits(1, m.bitOffset());
            spec.raw.add(i);
            if (m.name().isEmpty()) {
                if (matchMember(local, step, target, m.type(), spec, next)) return true;
            } else if (m.name().equals(localMember.name())) {
                next[0] = m.type();
                if (!CoreCompatibility.fieldsCompatible(local, localMember.type(), target, m.type())) return false;
                spec.accessors.add(new CoreAccessor(t.id(), i, m.name()));
                return true;
            }
            // not this member: undo it, and whatever a failed search inside it left
            spec.bitOffset = before;
            spec.raw.subList(rawBefore, spec.raw.size()).clear();
        }
        return false;
    }
}
