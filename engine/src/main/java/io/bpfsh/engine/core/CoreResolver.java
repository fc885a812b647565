package io.bpfsh.engine.core;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.btf.Btf;
import io.bpfsh.engine.btf.BtfCoreRelo;
import io.bpfsh.engine.btf.BtfExt;
import io.bpfsh.engine.btf.BtfKind;
import io.bpfsh.engine.btf.BtfType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves an object's CO-RE relocations against the kernel's types, as libbpf's {@code bpf_core_calc_relo_insn}:
 * parse the local access, match it in every candidate, require all matching candidates to agree, and compute the
 * value to patch in; no match poisons the instruction for kinds that need one (field offsets, enumerator values).
 *
 * <p>One resolver serves one object: like libbpf it narrows each local type's candidates to those that matched, so a
 * later relocation of the same type only considers them. Pure given its {@link CoreTargets}.
 */
public final class CoreResolver {
    private final String file;
    private final Btf local;
    private final CoreTargets targets;
    private final Map<Integer, List<CoreCandidate>> candidates = new HashMap<>();

    /** @param file names the object in messages */
    public CoreResolver(String file, Btf local, CoreTargets targets) {
        this.file = file;
        this.local = local;
        this.targets = targets;
    }

    /** Every relocation of the object, sections in stored order, each section's in stored order. */
    public List<CoreResolution> resolveAll(BtfExt ext) throws EngineException {
        List<CoreResolution> out = new ArrayList<>();
        for (Map.Entry<String, List<BtfCoreRelo>> e : ext.coreRelos().entrySet()) {
            for (int i = 0; i < e.getValue().size(); i++) out.add(resolve(e.getKey(), i, e.getValue().get(i)));
        }
        return out;
    }

    /**
     * @param section the ELF section the relocation's instruction is in
     * @param index   its index among the section's relocations (for messages)
     * @throws CoreException if the relocation is malformed or its candidates disagree
     */
    public CoreResolution resolve(String section, int index, BtfCoreRelo relo) throws EngineException {
        CoreRelocationKind kind = CoreRelocationKind.of(relo.kind());
        int insn = (int) (relo.insnOffset() / 8);
        String where = file + ": section " + section + ": CO-RE relocation #" + index + " at instruction " + insn;
        if (kind == null) {
            throw new CoreException(where + " has kind " + relo.kind() + ", which bpfsh does not know (0-12 exist)");
        }
        String what = where + " (" + kind.label() + " " + local.typeName(relo.typeId()) + ", access "
                + relo.accessString() + ")";
        try {
            CoreSpec spec = CoreSpec.parse(local, relo.typeId(), relo.accessString(), kind);
            if (kind == CoreRelocationKind.TYPE_ID_LOCAL) {
                return new CoreResolution(section, index, insn, kind, relo.accessString(), relo.typeId(),
                        spec.describe(), "local", relo.typeId(), spec.describe(), relo.typeId(), relo.typeId(), false,
                        false, false, 0, 0);
            }
            if (local.type(relo.typeId()).name().isEmpty()) {
                throw new CoreException("the root type is anonymous, and only named types have candidates");
            }
            List<CoreCandidate> cands = candidates.get(relo.typeId());
            if (cands == null) {
                cands = targets.candidates(local, relo.typeId());
                candidates.put(relo.typeId(), cands);
            }
            return decide(section, index, insn, kind, relo, spec, cands);
        } catch (CoreException e) {
            throw new CoreException(what + ": " + e.getMessage());
        }
    }

    private CoreResolution decide(String section, int index, int insn, CoreRelocationKind kind, BtfCoreRelo relo,
            CoreSpec localSpec, List<CoreCandidate> cands) throws CoreException {
        CoreResolution chosen = null;
        CoreSpec chosenSpec = null;
        List<CoreCandidate> matched = new ArrayList<>();
        for (CoreCandidate c : cands) {
            CoreSpec spec = CoreSpecMatcher.match(localSpec, c.target().btf(), c.typeId());
            if (spec == null) continue;
            CoreResolution r = calculate(section, index, insn, kind, relo, localSpec, c.target().name(), spec);
            if (chosen == null) {
                chosen = r;
                chosenSpec = spec;
            } else if (spec.bitOffset != chosenSpec.bitOffset) {
                throw new CoreException("field offset ambiguity: " + chosen.targetBtf() + " " + chosen.target()
                        + " and " + r.targetBtf() + " " + r.target() + " both match");
            } else if (r.poisoned() != chosen.poisoned() || r.value() != chosen.value()) {
                throw new CoreException("relocation decision ambiguity: " + chosen.targetBtf() + " " + chosen.target()
                        + " gives " + (chosen.poisoned() ? "poison" : Long.toUnsignedString(chosen.value())) + ", "
                        + r.targetBtf() + " " + r.target() + " gives "
                        + (r.poisoned() ? "poison" : Long.toUnsignedString(r.value())));
            }
            matched.add(c);
        }
        if (!matched.isEmpty()) {
            candidates.put(relo.typeId(), matched); // as libbpf: later relocations of this type see only these
            return chosen;
        }
        return calculate(section, index, insn, kind, relo, localSpec, null, null);
    }

    private static CoreResolution calculate(String section, int index, int insn, CoreRelocationKind kind,
            BtfCoreRelo relo, CoreSpec localSpec, String targetName, CoreSpec targetSpec) throws CoreException {
        CoreValues.Side l;
        CoreValues.Side t;
        boolean poisoned = false;
        boolean unsafeSize = false;
        try {
            if (kind.isField()) {
                l = CoreValues.field(kind, localSpec);
                t = CoreValues.field(kind, targetSpec);
                if (l.fieldSize() != t.fieldSize()) unsafeSize = !sizeChangeKeepsValue(localSpec, l, targetSpec, t);
            } else if (kind.isType()) {
                l = CoreValues.type(kind, localSpec);
                t = CoreValues.type(kind, targetSpec);
            } else {
                l = CoreValues.enumValue(kind, localSpec);
                t = CoreValues.enumValue(kind, targetSpec);
            }
        } catch (CoreValues.Poison p) {
            l = t = new CoreValues.Side(0, 0, 0, true);
            poisoned = true;
        }
        return new CoreResolution(section, index, insn, kind, relo.accessString(), relo.typeId(), localSpec.describe(),
                targetName, targetSpec == null ? 0 : targetSpec.rootTypeId,
                targetSpec == null ? null : targetSpec.describe(), l.value(), t.value(), poisoned, l.validate(),
                unsafeSize, l.fieldSize(), t.fieldSize());
    }

    /**
     * A load of a different width reads the same value only for pointers (the kernel's may be 32-bit) and unsigned
     * integers (zero-extended); libbpf poisons any other width change.
     */
    private static boolean sizeChangeKeepsValue(CoreSpec localSpec, CoreValues.Side l, CoreSpec targetSpec,
            CoreValues.Side t) {
        BtfType lt = localSpec.btf.type(l.fieldTypeId());
        BtfType tt = targetSpec.btf.type(t.fieldTypeId());
        if (lt.kind() == BtfKind.PTR && tt.kind() == BtfKind.PTR) return true;
        return lt instanceof BtfType.Int li && tt instanceof BtfType.Int ti && !li.signed() && !ti.signed();
    }
}
