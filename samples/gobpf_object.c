/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gobpf_object.c - gobpf layout: one map pinned with PIN_OBJECT_NS
 * (namespace "ns1") and one unpinned (PIN_NONE) map, both used by one
 * socket filter.
 */
#include "gobpf_map.h"

struct bpf_map_def SEC("maps/dummy_object") dummy_object = {
	.type        = BPF_MAP_TYPE_ARRAY,
	.key_size    = sizeof(__u32),
	.value_size  = sizeof(__u64),
	.max_entries = 8,
	.pinning     = PIN_OBJECT_NS,
	.namespace   = "ns1",
};

struct bpf_map_def SEC("maps/dummy_private") dummy_private = {
	.type        = BPF_MAP_TYPE_HASH,
	.key_size    = sizeof(__u32),
	.value_size  = sizeof(__u32),
	.max_entries = 32,
	.pinning     = PIN_NONE,
	.namespace   = "",
};

/* dummy_object[0] += 1; dummy_private[0] = 1. */
SEC("socket/object")
int object(void *skb)
{
	__u32 key = 0;
	__u32 one = 1;
	__u64 *count;

	count = bpf_map_lookup_elem(&dummy_object, &key);
	if (count)
		__sync_fetch_and_add(count, 1);

	bpf_map_update_elem(&dummy_private, &key, &one, BPF_ANY);
	return 0;
}

char _license[] SEC("license") = "GPL";
