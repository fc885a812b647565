package io.bpfsh.engine.externs;

/**
 * One extern the object declares ({@code extern ... __kconfig} or {@code __ksym}): an undefined ELF symbol with a
 * BTF VAR or FUNC of the same name in the {@code .kconfig} or {@code .ksyms} DATASEC.
 *
 * @param name       the symbol's name
 * @param kind       where its value comes from
 * @param weak       declared {@code __weak}: may stay unresolved (0, or a poisoned call)
 * @param btfId      its VAR or FUNC in the object's BTF
 * @param typeId     the VAR's type without modifiers (0 for {@code const void}); the FUNC's prototype for a kfunc
 * @param dataOffset for {@link Kind#KCONFIG}: where its value lies in the .kconfig map's value; else -1
 * @param kconfig    for {@link Kind#KCONFIG}: how its value is stored; else null
 */
public record ExternSpec(String name, Kind kind, boolean weak, int btfId, int typeId, int dataOffset,
                         KconfigValue kconfig) {
    public enum Kind {
        /** A kernel config option or LINUX_* value, read from the .kconfig map. */
        KCONFIG,
        /** A kernel symbol without a type: its address from /proc/kallsyms as a 64-bit constant. */
        KSYM_ADDRESS,
        /** A kernel variable by BTF type: ld_imm64 of its vmlinux BTF id (BPF_PSEUDO_BTF_ID). */
        KSYM_TYPED,
        /** A kernel function callable from BPF (BPF_PSEUDO_KFUNC_CALL with its vmlinux BTF id). */
        KFUNC
    }
}
