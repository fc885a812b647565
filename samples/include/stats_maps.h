/* SPDX-License-Identifier: GPL-2.0 */
/*
 * stats_maps.h - the maps and program shared by every version of the stats
 * samples (stats_v1.c, stats_v1_swapped.c, stats_v2.c). Each version defines
 * its own struct flow_stats, the layout that changes between versions, with
 * __u32 packets and an integer bytes, then includes this file.
 */
#ifndef BPFSH_STATS_MAPS_H
#define BPFSH_STATS_MAPS_H

struct flow_key {
	__u32 addr;
	__u16 port;
	__u16 proto;
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
		/* converted to the width bytes has in this version */
		__sync_fetch_and_add(&s->bytes, ctx->data_end - ctx->data);
	}
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";

#endif
