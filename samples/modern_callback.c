/* SPDX-License-Identifier: GPL-2.0 */
/*
 * modern_callback.c - callbacks: static functions whose address is passed to
 * a helper (an ld_imm64 of a .text function, BPF_PSEUDO_FUNC). The verifier
 * needs the object's func_info (.BTF.ext) to check them, and a global
 * function, which it verifies on its own, needs it too.
 *
 *   sums[0] = 1 + 2 + ... + 10 = 55       bpf_loop (helper 181) calling add_step
 *   sums[1] = values[0] + ... + values[3]  bpf_for_each_map_elem (164) calling add_value
 *   sums[2] = scale(sums[0]) = 110         a global function
 *
 * A socket filter, so that a test run executes it; returns 0.
 */
#include "bpfsh_helpers.h"

static long (*bpf_for_each_map_elem)(void *map, void *callback, void *ctx, __u64 flags) = (void *)164;
static long (*bpf_loop)(__u32 nr_loops, void *callback, void *ctx, __u64 flags) = (void *)181;

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 4);
} values SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 3);
} sums SEC(".maps");

struct loop_ctx {
	__u64 total;
};

static long add_step(__u32 index, struct loop_ctx *ctx)
{
	ctx->total += index + 1;
	return 0;
}

static long add_value(void *map, __u32 *key, __u64 *value, struct loop_ctx *ctx)
{
	ctx->total += *value;
	return 0;
}

__attribute__((noinline)) __u64 scale(__u64 v)
{
	return v * 2;
}

static void store(__u32 key, __u64 value)
{
	bpf_map_update_elem(&sums, &key, &value, BPF_ANY);
}

SEC("socket")
int run_callbacks(void *skb)
{
	struct loop_ctx loop = {0};
	struct loop_ctx each = {0};

	bpf_loop(10, add_step, &loop, 0);
	store(0, loop.total);
	bpf_for_each_map_elem(&values, add_value, &each, 0);
	store(1, each.total);
	store(2, scale(loop.total));
	return 0;
}

char _license[] SEC("license") = "GPL";
