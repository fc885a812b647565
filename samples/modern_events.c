/* SPDX-License-Identifier: GPL-2.0 */
/*
 * modern_events.c - maps that are consumed, not iterated: a perf event array that gives only its
 * key and value sizes (libbpf fills in one slot per possible CPU), a ring buffer and a queue.
 * The program pushes the packet length to the queue and returns XDP_PASS.
 */
#include "bpfsh_helpers.h"

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096 * 4);
} ring SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_QUEUE);
	__uint(value_size, sizeof(__u32));
	__uint(max_entries, 16);
} lengths SEC(".maps");

static long (*bpf_map_push_elem)(void *map, const void *value, __u64 flags) = (void *)87;

SEC("xdp")
int push_length(struct xdp_md *ctx)
{
	__u32 len = ctx->data_end - ctx->data;

	bpf_map_push_elem(&lengths, &len, 0);
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
