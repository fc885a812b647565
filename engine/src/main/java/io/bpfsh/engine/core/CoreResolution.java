package io.bpfsh.engine.core;

/**
 * How one CO-RE relocation resolved: what to write into its instruction, or that the instruction must be poisoned.
 * Enough to patch the instruction (libbpf's {@code bpf_core_relo_res}) and to list the decision.
 *
 * @param section          the ELF section of the instruction
 * @param index            the relocation's index among its section's, as libbpf numbers them ("relo #N")
 * @param instruction      the instruction's index in its section
 * @param kind             what was computed
 * @param accessString     as stored, e.g. {@code 0:93}
 * @param localTypeId      the root type in the object's BTF
 * @param local            the access in the object's types, e.g. {@code [21] struct task_struct.pid (0:5 @ offset 36)}
 * @param targetBtf        "vmlinux" or a module's name; null when nothing in the kernel matched
 * @param targetTypeId     the matching root type in {@code targetBtf}; 0 when nothing matched
 * @param target           the access in the kernel's types, as {@code local}; null when nothing matched
 * @param expected         the value computed from the object's types, which the instruction must hold (if
 *                         {@code validate})
 * @param value            the value computed from the kernel's types, to write (unless {@code poisoned})
 * @param poisoned         no value exists: the instruction becomes an invalid helper call, which the verifier
 *                         reports if it is reachable
 * @param validate         whether the instruction's current value must equal {@code expected}
 * @param unsafeSizeChange the load or store would need a different width and that would change the value read
 *                         (poisons a memory instruction)
 * @param localSize        byte size of the field in the object (for load/store width); 0 if not a field offset
 * @param targetSize       byte size of the field in the kernel
 */
public record CoreResolution(String section, int index, int instruction, CoreRelocationKind kind,
                             String accessString, int localTypeId, String local, String targetBtf, int targetTypeId,
                             String target, long expected, long value, boolean poisoned, boolean validate,
                             boolean unsafeSizeChange, int localSize, int targetSize) {

    /** One line for listings, e.g. {@code socket insn 13: byte_off [21] struct task_struct.pid (0:5 @ offset 36) -> vmlinux [114] ...: 36 -> 1264}. */
    public String describe() {
        String to = target == null ? "no match in the kernel" : targetBtf + " " + target;
        String result = poisoned ? "poisoned" : Long.toUnsignedString(expected) + " -> " + Long.toUnsignedString(value);
        return section + " insn " + instruction + ": " + kind.label() + " " + local + " -> " + to + ": " + result;
    }
}
