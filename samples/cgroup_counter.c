/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cgroup_counter.c - counts the packets that sockets of a cgroup send
 * (egress[0]) and lets them all go (1 = allow).
 */
#include "bpfsh_helpers.h"

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 1);
} egress SEC(".maps");

SEC("cgroup_skb/egress")
int count_egress(void *skb)
{
	__u32 key = 0;
	__u64 *c = bpf_map_lookup_elem(&egress, &key);

	if (c)
		__sync_fetch_and_add(c, 1);
	return 1;
}

char _license[] SEC("license") = "GPL";
