/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bpfsh_core.h - CO-RE (compile once, run everywhere) reads for the bpfsh
 * samples, on clang's BPF builtins. Written for bpfsh; no libbpf headers.
 *
 * A struct declared with __attribute__((preserve_access_index)) makes clang
 * record every member access as a CO-RE relocation in .BTF.ext (the access
 * string of member indexes), so that the loader can recompute offsets and
 * sizes against the running kernel's BTF.
 */
#ifndef BPFSH_CORE_H
#define BPFSH_CORE_H

#include "bpfsh_helpers.h"

#define __core __attribute__((preserve_access_index))

/* What __builtin_preserve_field_info asks for (enum bpf_core_relo_kind 0-5). */
#define CORE_FIELD_BYTE_OFFSET 0
#define CORE_FIELD_BYTE_SIZE   1
#define CORE_FIELD_EXISTS      2
#define CORE_FIELD_SIGNED      3
#define CORE_FIELD_LSHIFT_U64  4
#define CORE_FIELD_RSHIFT_U64  5

/* __builtin_btf_type_id: the type's id in the object (0) or in the kernel (1). */
#define CORE_TYPE_ID_LOCAL  0
#define CORE_TYPE_ID_TARGET 1
/* __builtin_preserve_type_info: does the type exist (0), its size (1). */
#define CORE_TYPE_EXISTS 0
#define CORE_TYPE_SIZE   1
/* __builtin_preserve_enum_value: does the enumerator exist (0), its value (1). */
#define CORE_ENUMVAL_EXISTS 0
#define CORE_ENUMVAL_VALUE  1

static long (*bpf_get_current_task)(void) = (void *)35;
static long (*bpf_probe_read_kernel)(void *dst, __u32 size, const void *src) = (void *)113;
static long (*bpf_probe_read_kernel_str)(void *dst, __u32 size, const void *src) = (void *)115;

#define core_field_info(ptr, field, what) __builtin_preserve_field_info((ptr)->field, what)
#define core_field_exists(ptr, field) core_field_info(ptr, field, CORE_FIELD_EXISTS)

#define core_type_exists(type) __builtin_preserve_type_info(*(type *)0, CORE_TYPE_EXISTS)
#define core_type_size(type) __builtin_preserve_type_info(*(type *)0, CORE_TYPE_SIZE)
#define core_type_id_kernel(type) __builtin_btf_type_id(*(type *)0, CORE_TYPE_ID_TARGET)
#define core_type_id_local(type) __builtin_btf_type_id(*(type *)0, CORE_TYPE_ID_LOCAL)

#define core_enum_exists(type, value) \
	__builtin_preserve_enum_value(*(type *)value, CORE_ENUMVAL_EXISTS)
#define core_enum_value(type, value) \
	__builtin_preserve_enum_value(*(type *)value, CORE_ENUMVAL_VALUE)

/* Reads ptr->field from kernel memory at the offset the kernel has for it. */
#define core_read_into(dst, ptr, field) \
	bpf_probe_read_kernel(dst, sizeof(*(dst)), __builtin_preserve_access_index(&(ptr)->field))

/*
 * Reads a bitfield: load its container (offset and size relocated), then
 * shift it up to bit 63 and back down, arithmetically when it is signed.
 */
#define core_read_bitfield(ptr, field) ({					\
	__u64 __v = 0;								\
	bpf_probe_read_kernel(&__v, core_field_info(ptr, field, CORE_FIELD_BYTE_SIZE), \
			      (const void *)(ptr) + core_field_info(ptr, field, CORE_FIELD_BYTE_OFFSET)); \
	__v <<= core_field_info(ptr, field, CORE_FIELD_LSHIFT_U64);		\
	if (core_field_info(ptr, field, CORE_FIELD_SIGNED))			\
		__v = (__u64)((__s64)__v >> core_field_info(ptr, field, CORE_FIELD_RSHIFT_U64)); \
	else									\
		__v >>= core_field_info(ptr, field, CORE_FIELD_RSHIFT_U64);	\
	__v;									\
})

#endif /* BPFSH_CORE_H */
