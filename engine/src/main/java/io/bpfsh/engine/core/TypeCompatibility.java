package io.bpfsh.engine.core;

import io.bpfsh.engine.btf.Btf;

/** libbpf's type compatibility outside CO-RE relocations: a kfunc's local prototype against the kernel's. */
public final class TypeCompatibility {
    private TypeCompatibility() {
    }

    /** As {@code bpf_core_types_are_compat}: same kinds through pointers, arrays and prototypes (same arity). */
    public static boolean compatible(Btf local, int localId, Btf target, int targetId) throws CoreException {
        return CoreCompatibility.typesCompatible(local, localId, target, targetId);
    }
}
