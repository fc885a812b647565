/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libbpf_legacy_map.h - the legacy (pre-BTF) libbpf map definition.
 * Definitions live in one ELF section "maps"; the symbol name is the map
 * name. Size: 5 x 4 = 20 bytes.
 */
#ifndef BPFSH_LIBBPF_LEGACY_MAP_H
#define BPFSH_LIBBPF_LEGACY_MAP_H

#include "bpfsh_helpers.h"

struct bpf_map_def {
	__u32 type;
	__u32 key_size;
	__u32 value_size;
	__u32 max_entries;
	__u32 map_flags;
};

_Static_assert(sizeof(struct bpf_map_def) == 20, "libbpf legacy map def must be 20 bytes");

#endif /* BPFSH_LIBBPF_LEGACY_MAP_H */
