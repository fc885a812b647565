/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gobpf_map.h - map definition layout read by gobpf's elf loader.
 * One definition per ELF section named "maps/<map name>".
 * Size: 6 x 4 + 256 = 280 bytes.
 */
#ifndef BPFSH_GOBPF_MAP_H
#define BPFSH_GOBPF_MAP_H

#include "bpfsh_helpers.h"

/* Values of the pinning field. */
#define PIN_NONE      0   /* not pinned */
#define PIN_OBJECT_NS 1   /* pinned under a per-object namespace */
#define PIN_GLOBAL_NS 2   /* pinned under globals/<namespace> */
#define PIN_CUSTOM_NS 3   /* pinned at a path chosen by the loader */

struct bpf_map_def {
	__u32 type;
	__u32 key_size;
	__u32 value_size;
	__u32 max_entries;
	__u32 map_flags;
	__u32 pinning;
	char namespace[256];
};

_Static_assert(sizeof(struct bpf_map_def) == 280, "gobpf map def must be 280 bytes");

#endif /* BPFSH_GOBPF_MAP_H */
