package io.bpfsh.engine.core;

import io.bpfsh.engine.btf.Btf;
import io.bpfsh.engine.btf.BtfFormatException;
import io.bpfsh.engine.btf.BtfMember;
import io.bpfsh.engine.btf.BtfType;
import java.util.ArrayList;
import java.util.List;

/**
 * A CO-RE access resolved in one BTF: the root type, the named steps taken ({@link CoreAccessor}), the raw indexes
 * (anonymous members included) and the bit offset reached. Built from a relocation's access string against the
 * object's BTF ({@link #parse}), or by {@link CoreSpecMatcher} against a candidate in the kernel's.
 */
final class CoreSpec {
    /** libbpf's BPF_CORE_SPEC_MAX_LEN: no access is deeper. */
    static final int MAX_LEN = 64;

    final Btf btf;
    final int rootTypeId;
    final CoreRelocationKind kind;
    final List<CoreAccessor> accessors = new ArrayList<>();
    final List<Integer> raw = new ArrayList<>();
    long bitOffset;

    CoreSpec(Btf btf, int rootTypeId, CoreRelocationKind kind) {
        this.btf = btf;
        this.rootTypeId = rootTypeId;
        this.kind = kind;
    }

    CoreAccessor last() {
        return accessors.get(accessors.size() - 1);
    }

    /**
     * The local spec of a relocation, as libbpf's {@code bpf_core_parse_spec}: the first index steps through the root
     * as through an array, each further one into a member (anonymous ones are walked but not recorded as steps) or an
     * array element.
     *
     * @throws CoreException (detail only; the caller adds where) if the access string does not fit the types
     */
    static CoreSpec parse(Btf btf, int typeId, String access, CoreRelocationKind kind) throws CoreException {
        CoreSpec spec = new CoreSpec(btf, typeId, kind);
        if (kind.isType()) {
            if (!access.equals("0")) throw new CoreException("a type relocation's access string must be \"0\"");
            return spec;
        }
        for (String part : access.split(":", -1)) {
            if (part.isEmpty() || part.length() > 9 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new CoreException("access string is not a ':'-separated list of indexes");
            }
            if (spec.raw.size() == MAX_LEN) throw new CoreException("access string has more than " + MAX_LEN + " steps");
            spec.raw.add(Integer.parseInt(part));
        }
        int id = btf.resolve(typeId);
        BtfType t = btf.type(id);
        int index = spec.raw.get(0);
        if (kind.isEnumValue()) {
            if (!(t instanceof BtfType.Enum e) || spec.raw.size() > 1 || index >= e.values().size()) {
                throw new CoreException("access string does not name one enumerator of " + btf.typeName(typeId));
            }
            spec.accessors.add(new CoreAccessor(id, index, e.values().get(index).name()));
            return spec;
        }
        spec.accessors.add(new CoreAccessor(id, index, null));
        spec.addBits(index, sizeOf(btf, id) * 8);
        for (int i = 1; i < spec.raw.size(); i++) {
            t = btf.type(btf.resolve(id));
            id = t.id();
            index = spec.raw.get(i);
            if (t instanceof BtfType.Composite c) {
                if (index >= c.members().size()) {
                    throw new CoreException("step " + i + " (" + index + ") is past the " + c.members().size()
                            + " members of " + btf.typeName(id));
                }
                BtfMember m = c.members().get(index);
                spec.addBits(1, m.bitOffset());
                if (!m.name().isEmpty()) spec.accessors.add(new CoreAccessor(id, index, m.name()));
                id = m.type();
            } else if (t instanceof BtfType.Array a) {
                int element = btf.resolve(a.elemType());
                if (!isFlexible(btf, spec.last(), a) && index >= a.nelems()) {
                    throw new CoreException("step " + i + " (" + index + ") is past the " + a.nelems()
                            + " elements of " + btf.typeName(id));
                }
                spec.accessors.add(new CoreAccessor(element, index, null));
                spec.addBits(index, sizeOf(btf, element) * 8);
                id = element;
            } else {
                throw new CoreException("step " + i + " reaches " + btf.typeName(id)
                        + ", which is neither a struct, a union nor an array");
            }
        }
        return spec;
    }

    /**
     * Moves the bit offset on by {@code count * bits}. libbpf keeps it in 32 bits and would wrap; an offset past
     * that is refused instead, since no instruction can reach it.
     */
    void addBits(long count, long bits) throws CoreException {
        try {
            long next = Math.addExact(bitOffset, Math.multiplyExact(count, bits));
            if (next > 0xffffffffL) throw new ArithmeticException();
            bitOffset = next;
        } catch (ArithmeticException e) {
            throw new CoreException("the access reaches past bit offset 4294967295");
        }
    }

    /** A zero-length array that is the last member of the struct the previous step named. */
    static boolean isFlexible(Btf btf, CoreAccessor previous, BtfType.Array a) {
        if (previous.name() == null || a.nelems() > 0) return false;
        return btf.type(previous.typeId()) instanceof BtfType.Composite c && previous.index() == c.members().size() - 1;
    }

    static long sizeOf(Btf btf, int id) throws CoreException {
        try {
            return btf.sizeOf(id);
        } catch (BtfFormatException e) {
            throw new CoreException(btf.typeName(id) + " has no size");
        }
    }

    /** As libbpf prints a spec: {@code struct task_struct.pid (0:5 @ offset 36)}, {@code enum e::NAME = 3}. */
    String describe() {
        StringBuilder s = new StringBuilder().append('[').append(rootTypeId).append("] ");
        s.append(CoreCompatibility.kindAndName(btf, rootTypeId));
        if (kind.isType()) return s.toString();
        if (kind.isEnumValue()) {
            BtfType.Enum e = (BtfType.Enum) btf.type(accessors.get(0).typeId());
            return s.append("::").append(accessors.get(0).name()).append(" = ")
                    .append(e.values().get(accessors.get(0).index()).value()).toString();
        }
        for (int i = 0; i < accessors.size(); i++) {
            CoreAccessor a = accessors.get(i);
            if (a.name() != null) s.append('.').append(a.name());
            else if (i > 0 || a.index() > 0) s.append('[').append(a.index()).append(']');
        }
        s.append(" (");
        for (int i = 0; i < raw.size(); i++) s.append(i == 0 ? "" : ":").append(raw.get(i));
        s.append(" @ offset ").append(bitOffset / 8);
        if (bitOffset % 8 != 0) s.append('.').append(bitOffset % 8);
        return s.append(')').toString();
    }
}
