package io.bpfsh.engine.spec;

/**
 * One ld_imm64 in a program's (linked) instructions that the loader fills in with a map: its FD
 * (BPF_PSEUDO_MAP_FD) or the address of a byte inside its value (BPF_PSEUDO_MAP_VALUE, global data
 * and .kconfig externs); or with a kernel symbol's address (a typeless .ksyms extern). BPF-to-BPF
 * calls need no relocation at load time: the reader links subprograms in already.
 *
 * @param instruction index of the 8-byte instruction in the program
 * @param offset      MAP_VALUE: byte offset inside the map value; 0 for MAP_FD
 */
public record Relocation(int instruction, Kind kind, String mapName, long offset) {
    public enum Kind {
        MAP_FD, MAP_VALUE,
        /** A typeless .ksyms extern: the ld_imm64 gets the kernel symbol's address ({@code mapName} is its name). */
        KSYM_ADDRESS,
        /** A call of a kernel function: becomes BPF_PSEUDO_KFUNC_CALL with its vmlinux BTF id ({@code mapName}). */
        KFUNC_CALL
    }
}
