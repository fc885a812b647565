/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libbpf_legacy.c - legacy libbpf layout: 20-byte map definitions in the
 * section "maps"; an XDP program counts packets in legacy_counts[0].
 */
#include "libbpf_legacy_map.h"

struct bpf_map_def SEC("maps") legacy_counts = {
	.type        = BPF_MAP_TYPE_ARRAY,
	.key_size    = sizeof(__u32),
	.value_size  = sizeof(__u64),
	.max_entries = 4,
	.map_flags   = 0,
};

SEC("xdp")
int legacy_xdp(struct xdp_md *ctx)
{
	__u32 key = 0;
	__u64 *count;

	count = bpf_map_lookup_elem(&legacy_counts, &key);
	if (count)
		__sync_fetch_and_add(count, 1);
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
