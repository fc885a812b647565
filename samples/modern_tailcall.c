/* SPDX-License-Identifier: GPL-2.0 */
/*
 * modern_tailcall.c - a program array filled in at load from its .maps
 * definition (libbpf's __array(values, ...) with initial values), and an
 * entry program that tail-calls through it.
 *
 *   entry    counts hits[0], then tail-calls jump_table[key], key = hits[0] % 3
 *   slot 0   tail_even: hits[1] += 1, returns 1
 *   slot 1   tail_odd:  hits[2] += 1, returns 2
 *   slot 2   empty: the tail call falls through and entry returns 0
 *
 * Socket filters, so that test runs execute them.
 */
#include "bpfsh_helpers.h"

#define BPF_MAP_TYPE_PROG_ARRAY 3
#define __array(name, val) typeof(val) *name[]

static long (*bpf_tail_call)(void *ctx, void *prog_array_map, __u32 index) = (void *)12;

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 3);
} hits SEC(".maps");

static void count(__u32 key)
{
	__u64 *v = bpf_map_lookup_elem(&hits, &key);

	if (v)
		__sync_fetch_and_add(v, 1);
}

SEC("socket")
int tail_even(void *skb)
{
	count(1);
	return 1;
}

SEC("socket")
int tail_odd(void *skb)
{
	count(2);
	return 2;
}

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 3);
	__type(key, __u32);
	__array(values, int (void *));
} jump_table SEC(".maps") = {
	.values = {
		[0] = (void *)&tail_even,
		[1] = (void *)&tail_odd,
	},
};

SEC("socket")
int entry(void *skb)
{
	__u32 zero = 0;
	__u64 *n = bpf_map_lookup_elem(&hits, &zero);
	__u32 key;

	if (!n)
		return 0;
	key = *n % 3;
	__sync_fetch_and_add(n, 1);
	bpf_tail_call(skb, &jump_table, key);
	return 0;
}

char _license[] SEC("license") = "GPL";
