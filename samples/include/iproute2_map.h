/* SPDX-License-Identifier: GPL-2.0 */
/*
 * iproute2_map.h - map definition layout read by iproute2 (tc) for legacy
 * objects. All definitions share one ELF section "maps"; a map's name is
 * the name of its symbol. Size: 9 x 4 = 36 bytes.
 */
#ifndef BPFSH_IPROUTE2_MAP_H
#define BPFSH_IPROUTE2_MAP_H

#include "bpfsh_helpers.h"

/* Values of the pinning field. */
#define PIN_NONE      0
#define PIN_OBJECT_NS 1
#define PIN_GLOBAL_NS 2
#define PIN_CUSTOM_NS 3

struct bpf_elf_map {
	__u32 type;
	__u32 size_key;
	__u32 size_value;
	__u32 max_elem;
	__u32 flags;
	__u32 id;
	__u32 pinning;
	__u32 inner_id;
	__u32 inner_idx;
};

_Static_assert(sizeof(struct bpf_elf_map) == 36, "iproute2 map def must be 36 bytes");

#endif /* BPFSH_IPROUTE2_MAP_H */
