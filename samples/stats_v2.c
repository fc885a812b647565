/* SPDX-License-Identifier: GPL-2.0 */
/*
 * stats_v2.c - version 2 of stats_v1.c: in struct flow_stats the members are
 * reordered, bytes is widened from __u32 to __u64, and drops is added.
 * bpfsh migrate (or load --on-incompatible migrate) copies v1's entries here.
 */
#include "bpfsh_helpers.h"

struct flow_key {
	__u32 addr;
	__u16 port;
	__u16 proto;
};

struct flow_stats {
	__u64 last_seen;
	__u64 bytes;
	__u32 packets;
	__u32 drops;
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
		__sync_fetch_and_add(&s->bytes, ctx->data_end - ctx->data);
	}
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
