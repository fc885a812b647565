/* SPDX-License-Identifier: GPL-2.0 */
/*
 * stats_v1_swapped.c - stats_v1.c with packets and bytes swapped in struct
 * flow_stats: every size is the same, only the layout differs, which a check of
 * sizes alone (libbpf's) misses and bpfsh's BTF layout check reports.
 */
#include "bpfsh_helpers.h"

struct flow_stats {
	__u32 bytes;
	__u32 packets;
	__u64 last_seen;
};

#include "stats_maps.h"
