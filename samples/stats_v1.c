/* SPDX-License-Identifier: GPL-2.0 */
/*
 * stats_v1.c - version 1 of a program whose map layout changes in stats_v2.c
 * (and, with the same sizes, in stats_v1_swapped.c): the objects bpfsh's load
 * plan, --on-incompatible and migrate are tested with. Both maps pin by name.
 */
#include "bpfsh_helpers.h"

struct flow_key {
	__u32 addr;
	__u16 port;
	__u16 proto;
};

struct flow_stats {
	__u32 packets;
	__u32 bytes;
	__u64 last_seen;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, struct flow_key);
	__type(value, struct flow_stats);
	__uint(max_entries, 131072);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} flows SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__type(key, __u32);
	__type(value, struct flow_stats);
	__uint(max_entries, 1024);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} cpu_flows SEC(".maps");

SEC("xdp")
int count_flow(struct xdp_md *ctx)
{
	struct flow_key key = { .addr = 1, .port = 2, .proto = 3 };
	struct flow_stats *s = bpf_map_lookup_elem(&flows, &key);

	if (s) {
		__sync_fetch_and_add(&s->packets, 1);
		__sync_fetch_and_add(&s->bytes, (__u32)(ctx->data_end - ctx->data));
	}
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
