/* SPDX-License-Identifier: GPL-2.0 */
/*
 * stats_v1.c - version 1 of a program whose map layout changes in stats_v2.c
 * (and, with the same sizes, in stats_v1_swapped.c): the objects bpfsh's load
 * plan, --on-incompatible and migrate are tested with. Both maps (flows and
 * cpu_flows, in stats_maps.h) pin by name.
 */
#include "bpfsh_helpers.h"

struct flow_stats {
	__u32 packets;
	__u32 bytes;
	__u64 last_seen;
};

#include "stats_maps.h"
