/* SPDX-License-Identifier: GPL-2.0 */
/*
 * stats_v2.c - version 2 of stats_v1.c: in struct flow_stats the members are
 * reordered, bytes is widened from __u32 to __u64, and drops is added.
 * bpfsh migrate (or load --on-incompatible migrate) copies v1's entries here.
 */
#include "bpfsh_helpers.h"

struct flow_stats {
	__u64 last_seen;
	__u64 bytes;
	__u32 packets;
	__u32 drops;
};

#include "stats_maps.h"
