package io.bpfsh.engine.btf;

/**
 * One {@code bpf_core_relo} record of {@code .BTF.ext}: an instruction whose immediate or offset clang computed from
 * the object's own type layout, to be recomputed against the running kernel's (CO-RE).
 *
 * @param insnOffset   byte offset of the instruction in its ELF section (a multiple of 8)
 * @param typeId       the local root type the access string starts from
 * @param accessString e.g. {@code "0:1:0:5"}: the indexes of the members and array elements walked
 * @param kind         {@code enum bpf_core_relo_kind} as stored; the core package knows what each means
 */
public record BtfCoreRelo(long insnOffset, int typeId, String accessString, int kind) {
}
