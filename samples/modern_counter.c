/* SPDX-License-Identifier: GPL-2.0 */
/*
 * modern_counter.c - BTF-defined map (section ".maps") pinned by name.
 * Each run of count_packets adds 1 to pkt_counts[7].pkts and the packet
 * length (data_end - data) to pkt_counts[7].bytes.
 */
#include "bpfsh_helpers.h"

struct counter {
	__u64 pkts;
	__u64 bytes;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, __u32);
	__type(value, struct counter);
	__uint(max_entries, 256);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} pkt_counts SEC(".maps");

#define COUNTER_KEY 7

SEC("xdp")
int count_packets(struct xdp_md *ctx)
{
	__u32 key = COUNTER_KEY;
	__u64 len = (__u64)(ctx->data_end - ctx->data);
	struct counter *c;

	c = bpf_map_lookup_elem(&pkt_counts, &key);
	if (c) {
		__sync_fetch_and_add(&c->pkts, 1);
		__sync_fetch_and_add(&c->bytes, len);
	} else {
		struct counter init = { .pkts = 1, .bytes = len };

		bpf_map_update_elem(&pkt_counts, &key, &init, BPF_NOEXIST);
	}
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
