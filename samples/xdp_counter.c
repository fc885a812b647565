/* SPDX-License-Identifier: GPL-2.0 */
/*
 * xdp_counter.c - gobpf layout: packets[0] goes up by exactly one per run
 * of the XDP program (e.g. one BPF_PROG_TEST_RUN with repeat = 1).
 */
#include "gobpf_map.h"

struct bpf_map_def SEC("maps/packets") packets = {
	.type        = BPF_MAP_TYPE_ARRAY,
	.key_size    = sizeof(__u32),
	.value_size  = sizeof(__u64),
	.max_entries = 1,
	.pinning     = PIN_GLOBAL_NS,
	.namespace   = "counters",
};

SEC("xdp/count")
int count(struct xdp_md *ctx)
{
	__u32 key = 0;
	__u64 *value;

	value = bpf_map_lookup_elem(&packets, &key);
	if (value)
		__sync_fetch_and_add(value, 1);
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
