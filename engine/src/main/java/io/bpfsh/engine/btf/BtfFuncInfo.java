package io.bpfsh.engine.btf;

/**
 * One {@code bpf_func_info} record of {@code .BTF.ext}: where a function starts and its FUNC type.
 *
 * @param insnOffset byte offset of the function's first instruction in its ELF section (a multiple of 8)
 * @param typeId     the FUNC type in the object's .BTF
 */
public record BtfFuncInfo(long insnOffset, int typeId) {
}
