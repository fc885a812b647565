/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gobpf_custom.c - seed object, gobpf layout.
 * One map pinned with PIN_CUSTOM_NS (empty namespace) and one socket
 * filter that bumps element 0 of it.
 */
#include "gobpf_map.h"

struct bpf_map_def SEC("maps/dummy_array_custom") dummy_array_custom = {
	.type        = BPF_MAP_TYPE_ARRAY,
	.key_size    = sizeof(int),
	.value_size  = sizeof(unsigned int),
	.max_entries = 1024,
	.map_flags   = 0,
	.pinning     = PIN_CUSTOM_NS,
	.namespace   = "",
};

SEC("socket/dummy")
int dummy(void *skb)
{
	int key = 0;
	unsigned int *value;

	value = bpf_map_lookup_elem(&dummy_array_custom, &key);
	if (value) {
		__sync_fetch_and_add(value, 1);
	} else {
		unsigned int one = 1;

		bpf_map_update_elem(&dummy_array_custom, &key, &one, BPF_ANY);
	}
	return 0;
}

char _license[] SEC("license") = "GPL";
__u32 _version SEC("version") = 0xFFFFFFFE;
