/* SPDX-License-Identifier: GPL-2.0 */
/*
 * iproute2_tc.c - iproute2 layout: both map definitions in the single
 * section "maps" (36 bytes each); a tc classifier uses both.
 */
#include "iproute2_map.h"

struct bpf_elf_map SEC("maps") tc_counts = {
	.type       = BPF_MAP_TYPE_HASH,
	.size_key   = sizeof(__u32),
	.size_value = sizeof(__u64),
	.max_elem   = 64,
	.pinning    = PIN_GLOBAL_NS,
};

struct bpf_elf_map SEC("maps") tc_scratch = {
	.type       = BPF_MAP_TYPE_ARRAY,
	.size_key   = sizeof(__u32),
	.size_value = sizeof(__u32),
	.max_elem   = 4,
	.pinning    = PIN_NONE,
};

/* tc_counts[0] += 1 (inserted as 1 when absent); tc_scratch[0] = 1. */
SEC("classifier")
int cls_main(void *skb)
{
	__u32 key = 0;
	__u32 one32 = 1;
	__u64 *count;

	count = bpf_map_lookup_elem(&tc_counts, &key);
	if (count) {
		__sync_fetch_and_add(count, 1);
	} else {
		__u64 one = 1;

		bpf_map_update_elem(&tc_counts, &key, &one, BPF_NOEXIST);
	}

	bpf_map_update_elem(&tc_scratch, &key, &one32, BPF_ANY);
	return 0;
}

char _license[] SEC("license") = "GPL";
