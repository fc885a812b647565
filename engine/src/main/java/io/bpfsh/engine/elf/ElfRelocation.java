package io.bpfsh.engine.elf;

/**
 * One entry of a relocation table.
 *
 * @param offset r_offset: where in the target section the relocation applies; checked to lie
 *     inside it (see {@link ElfFile})
 * @param symbolIndex the high 32 bits of r_info; checked to be an index into
 *     {@link ElfFile#symbols()}
 * @param type the low 32 bits of r_info, unsigned, held in an int; not checked: callers refuse
 *     types they do not apply
 * @param addend r_addend of an SHT_RELA entry; 0 for SHT_REL, whose addend is in the target bytes
 */
public record ElfRelocation(long offset, int symbolIndex, int type, long addend) {

    /** ld_imm64 of a map or global data: the 64-bit immediate spread over two instructions. */
    public static final int R_BPF_64_64 = 1;
    /** 64-bit absolute address in data (BTF-defined map inner maps, debug info). */
    public static final int R_BPF_64_ABS64 = 2;
    /** 32-bit absolute address in data (debug info). */
    public static final int R_BPF_64_ABS32 = 3;
    /** 32-bit data the dynamic loader leaves alone (.BTF, .BTF.ext). */
    public static final int R_BPF_64_NODYLD32 = 4;
    /** bpf-to-bpf call: a pc-relative 32-bit immediate. */
    public static final int R_BPF_64_32 = 10;
}
