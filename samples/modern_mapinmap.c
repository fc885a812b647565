/* SPDX-License-Identifier: GPL-2.0 */
/*
 * modern_mapinmap.c - maps of maps declared in .maps with libbpf's
 * __array(values, struct inner) and initial values: the loader creates the
 * inner maps, then the outer ones with an inner map as template, and stores
 * each inner map at its slot.
 *
 *   outer_array (ARRAY_OF_MAPS, 2 slots):  [0] = inner_a, [1] = empty
 *   outer_hash  (HASH_OF_MAPS):            key 7 = inner_b
 *   count_inner (socket): inner_a[0] += 1 through outer_array[0],
 *                         inner_b[0] += 10 through outer_hash[7]
 */
#include "bpfsh_helpers.h"

#define BPF_MAP_TYPE_ARRAY_OF_MAPS 12
#define BPF_MAP_TYPE_HASH_OF_MAPS 13
#define __array(name, val) typeof(val) *name[]

struct inner {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 1);
};

struct inner inner_a SEC(".maps");
struct inner inner_b SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 2);
	__type(key, __u32);
	__array(values, struct inner);
} outer_array SEC(".maps") = {
	.values = { [0] = &inner_a },
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH_OF_MAPS);
	__uint(max_entries, 4);
	__type(key, __u32);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
	__array(values, struct inner);
} outer_hash SEC(".maps") = {
	.values = { [7] = &inner_b },
};

static void add(void *outer, __u32 slot, __u64 n)
{
	__u32 zero = 0;
	void *inner = bpf_map_lookup_elem(outer, &slot);
	__u64 *v;

	if (!inner)
		return;
	v = bpf_map_lookup_elem(inner, &zero);
	if (v)
		__sync_fetch_and_add(v, n);
}

SEC("socket")
int count_inner(void *skb)
{
	add(&outer_array, 0, 1);
	add(&outer_hash, 7, 10);
	return 0;
}

char _license[] SEC("license") = "GPL";
