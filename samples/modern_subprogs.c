/* SPDX-License-Identifier: GPL-2.0 */
/*
 * modern_subprogs.c - two programs calling different static subprograms, one of which calls a
 * third, plus a helper nobody calls. A loader must link into each program only the functions it
 * reaches: the verifier refuses unreachable instructions.
 *
 *   xdp/tag_small  -> small_tag                 results[0] = 10 + (len < 64)
 *   xdp/tag_large  -> large_tag -> double_it    results[1] = 2 * (20 + (len >= 64))
 *   unused_helper                                in .text, never called
 */
#include "bpfsh_helpers.h"

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u32);
	__uint(max_entries, 2);
} results SEC(".maps");

static __attribute__((noinline)) __u32 small_tag(__u32 len)
{
	return 10 + (len < 64);
}

static __attribute__((noinline)) __u32 double_it(__u32 v)
{
	return 2 * v;
}

static __attribute__((noinline)) __u32 large_tag(__u32 len)
{
	return double_it(20 + (len >= 64));
}

__attribute__((noinline, used)) int unused_helper(__u32 x)
{
	return x + 1;
}

SEC("xdp/tag_small")
int tag_small(struct xdp_md *ctx)
{
	__u32 key = 0;
	__u32 v = small_tag(ctx->data_end - ctx->data);

	bpf_map_update_elem(&results, &key, &v, BPF_ANY);
	return XDP_PASS;
}

SEC("xdp/tag_large")
int tag_large(struct xdp_md *ctx)
{
	__u32 key = 1;
	__u32 v = large_tag(ctx->data_end - ctx->data);

	bpf_map_update_elem(&results, &key, &v, BPF_ANY);
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
