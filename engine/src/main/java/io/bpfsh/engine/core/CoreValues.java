package io.bpfsh.engine.core;

import io.bpfsh.engine.btf.Btf;
import io.bpfsh.engine.btf.BtfKind;
import io.bpfsh.engine.btf.BtfMember;
import io.bpfsh.engine.btf.BtfType;

/**
 * The number a relocation puts into its instruction, computed from one spec (the object's, to check the instruction
 * against, or the kernel's, to patch it with), as libbpf's {@code bpf_core_calc_*_relo}.
 */
final class CoreValues {
    /** What one side gives: the value, and for a field load the field's size and type (to adjust the load's size). */
    record Side(long value, int fieldSize, int fieldTypeId, boolean validate) {
    }

    /** The relocation cannot be given a value from this side: its instruction must be poisoned. */
    static final class Poison extends Exception {
        Poison() {
            super(null, null, false, false);
        }
    }

    private CoreValues() {
    }

    /** @param spec null when no candidate matched */
    static Side field(CoreRelocationKind kind, CoreSpec spec) throws CoreException, Poison {
        if (kind == CoreRelocationKind.FIELD_EXISTS) return new Side(spec == null ? 0 : 1, 0, 0, true);
        if (spec == null) throw new Poison();
        Btf btf = spec.btf;
        CoreAccessor last = spec.last();
        if (last.name() == null) { // an array element, or the root itself
            long size = CoreSpec.sizeOf(btf, last.typeId());
            if (kind == CoreRelocationKind.FIELD_BYTE_OFFSET) {
                return new Side(spec.bitOffset / 8, (int) size, last.typeId(), true);
            }
            if (kind == CoreRelocationKind.FIELD_BYTE_SIZE) return new Side(size, 0, 0, true);
            throw new CoreException(kind.label() + " cannot be applied to an array element");
        }
        BtfMember m = ((BtfType.Composite) btf.type(last.typeId())).members().get(last.index());
        int fieldType = btf.resolve(m.type());
        BtfType mt = btf.type(fieldType);
        long bitOff = spec.bitOffset;
        long bitSize = m.bitfieldSize();
        boolean bitfield = bitSize > 0;
        long byteSize;
        long byteOff;
        if (bitfield) {
            // the smallest naturally aligned container of 1, 2, 4 or 8 bytes that holds the bits
            byteSize = mt instanceof BtfType.Int i ? i.size() : mt instanceof BtfType.Enum e ? e.size() : 0;
            if (byteSize == 0) throw new CoreException("bitfield of " + btf.typeName(fieldType) + " has no int size");
            byteOff = bitOff / 8 / byteSize * byteSize;
            while (bitOff + bitSize - byteOff * 8 > byteSize * 8) {
                if (byteSize >= 8) throw new CoreException("the bitfield cannot be read with one 64-bit load");
                byteSize *= 2;
                byteOff = bitOff / 8 / byteSize * byteSize;
            }
        } else {
            byteSize = CoreSpec.sizeOf(btf, fieldType);
            byteOff = bitOff / 8;
            bitSize = byteSize * 8;
        }
        // for bitfields the compiler's own choice of container may differ from this one: do not check it
        boolean validate = !bitfield;
        switch (kind) {
            case FIELD_BYTE_OFFSET:
                return new Side(byteOff, bitfield ? 0 : (int) byteSize, bitfield ? 0 : fieldType, validate);
            case FIELD_BYTE_SIZE:
                return new Side(byteSize, 0, 0, validate);
            case FIELD_SIGNED:
                boolean signed = (mt instanceof BtfType.Enum e && e.signed()) || (mt instanceof BtfType.Int i && i.signed());
                return new Side(signed ? 1 : 0, 0, 0, true);
            case FIELD_LSHIFT_U64: // little-endian: the field's top bit goes to bit 63
                return new Side(64 - (bitOff + bitSize - byteOff * 8), 0, 0, validate);
            case FIELD_RSHIFT_U64:
                return new Side(64 - bitSize, 0, 0, true);
            default:
                throw new IllegalArgumentException(kind.toString());
        }
    }

    /** @param spec null when no candidate matched: the type does not exist in the kernel */
    static Side type(CoreRelocationKind kind, CoreSpec spec) throws CoreException {
        if (spec == null) return new Side(0, 0, 0, true);
        switch (kind) {
            case TYPE_ID_LOCAL:
            case TYPE_ID_TARGET: // ids change when objects are linked: never checked against the instruction
                return new Side(spec.rootTypeId, 0, 0, false);
            case TYPE_EXISTS:
            case TYPE_MATCHES:
                return new Side(1, 0, 0, true);
            case TYPE_SIZE:
                return new Side(CoreSpec.sizeOf(spec.btf, spec.rootTypeId), 0, 0, true);
            default:
                throw new IllegalArgumentException(kind.toString());
        }
    }

    static Side enumValue(CoreRelocationKind kind, CoreSpec spec) throws Poison {
        if (kind == CoreRelocationKind.ENUMVAL_EXISTS) return new Side(spec == null ? 0 : 1, 0, 0, true);
        if (spec == null) throw new Poison();
        CoreAccessor a = spec.accessors.get(0);
        return new Side(enumeratorValue((BtfType.Enum) spec.btf.type(a.typeId()), a.index()), 0, 0, true);
    }

    /** As libbpf reads it: a 32-bit enumerator is sign-extended whatever the enum's signedness. */
    static long enumeratorValue(BtfType.Enum e, int index) {
        long v = e.values().get(index).value();
        return e.kind() == BtfKind.ENUM ? (long) (int) v : v;
    }
}
