/* SPDX-License-Identifier: GPL-2.0 */
/*
 * modern_subprog.c - a BPF-to-BPF call: with_subprog (section "xdp")
 * calls classify (section ".text") and stores its result in results[0].
 */
#include "bpfsh_helpers.h"

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u32);
	__uint(max_entries, 4);
} results SEC(".maps");

/* Size class of a packet: 0: < 64 bytes, 1: < 128, 2: < 512, 3: larger. */
static __attribute__((noinline)) int classify(__u32 len)
{
	if (len < 64)
		return 0;
	if (len < 128)
		return 1;
	if (len < 512)
		return 2;
	return 3;
}

SEC("xdp")
int with_subprog(struct xdp_md *ctx)
{
	__u32 key = 0;
	__u32 cls = classify(ctx->data_end - ctx->data);

	bpf_map_update_elem(&results, &key, &cls, BPF_ANY);
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
