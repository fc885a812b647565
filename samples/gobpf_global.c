/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gobpf_global.c - gobpf layout, two maps pinned with PIN_GLOBAL_NS in
 * namespace "ns1", used by one socket filter.
 */
#include "gobpf_map.h"

struct bpf_map_def SEC("maps/dummy_hash") dummy_hash = {
	.type        = BPF_MAP_TYPE_HASH,
	.key_size    = sizeof(__u32),
	.value_size  = sizeof(__u64),
	.max_entries = 128,
	.pinning     = PIN_GLOBAL_NS,
	.namespace   = "ns1",
};

struct bpf_map_def SEC("maps/dummy_array") dummy_array = {
	.type        = BPF_MAP_TYPE_ARRAY,
	.key_size    = sizeof(__u32),
	.value_size  = sizeof(__u32),
	.max_entries = 16,
	.pinning     = PIN_GLOBAL_NS,
	.namespace   = "ns1",
};

/* Count in dummy_hash[1] and dummy_array[0]. */
SEC("socket/global")
int global(void *skb)
{
	__u32 key = 1;
	__u32 idx = 0;
	__u64 *count;
	__u32 *slot;

	count = bpf_map_lookup_elem(&dummy_hash, &key);
	if (count) {
		__sync_fetch_and_add(count, 1);
	} else {
		__u64 one = 1;

		bpf_map_update_elem(&dummy_hash, &key, &one, BPF_NOEXIST);
	}

	slot = bpf_map_lookup_elem(&dummy_array, &idx);
	if (slot)
		__sync_fetch_and_add(slot, 1);
	return 0;
}

char _license[] SEC("license") = "GPL";
