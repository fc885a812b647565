/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tc_counter.c - a traffic-control program: counts the packets and bytes it
 * sees in tc_counts[0] and lets every packet through (TC_ACT_OK). SEC("tc")
 * attaches to either direction: a tcx link (kernel 6.6+) or cls_bpf on a
 * clsact qdisc. (Not "tcx/ingress": bpftool's libbpf 1.1 does not know it.)
 */
#include "bpfsh_helpers.h"

#define TC_ACT_OK 0

/* The first field of struct __sk_buff: the packet length. */
struct __sk_buff {
	__u32 len;
};

struct counter {
	__u64 pkts;
	__u64 bytes;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, struct counter);
	__uint(max_entries, 1);
} tc_counts SEC(".maps");

SEC("tc")
int count_packets(struct __sk_buff *skb)
{
	__u32 key = 0;
	struct counter *c = bpf_map_lookup_elem(&tc_counts, &key);

	if (c) {
		__sync_fetch_and_add(&c->pkts, 1);
		__sync_fetch_and_add(&c->bytes, skb->len);
	}
	return TC_ACT_OK;
}

char _license[] SEC("license") = "GPL";
