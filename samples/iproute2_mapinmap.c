/* SPDX-License-Identifier: GPL-2.0 */
/*
 * iproute2_mapinmap.c - iproute2's map of maps: the outer map names its
 * inner map's id in inner_id, and the inner map (id 2) asks to be stored at
 * key inner_idx 0 of every outer map whose inner_id is 2.
 *
 *   outer  ARRAY_OF_MAPS, 4 slots, id 1, inner_id 2: [0] = inner
 *   inner  ARRAY of one __u32, id 2, inner_idx 0
 *   count  (classifier): inner[0] += 1, reached through outer[0]
 */
#include "iproute2_map.h"

#define BPF_MAP_TYPE_ARRAY_OF_MAPS 12

struct bpf_elf_map outer SEC("maps") = {
	.type = BPF_MAP_TYPE_ARRAY_OF_MAPS,
	.size_key = 4,
	.size_value = 4,
	.max_elem = 4,
	.id = 1,
	.inner_id = 2,
	.inner_idx = -1,
};

struct bpf_elf_map inner SEC("maps") = {
	.type = BPF_MAP_TYPE_ARRAY,
	.size_key = 4,
	.size_value = 4,
	.max_elem = 1,
	.id = 2,
	.inner_idx = 0,
};

SEC("classifier")
int count(void *skb)
{
	__u32 zero = 0;
	void *map = bpf_map_lookup_elem(&outer, &zero);
	__u32 *v;

	if (!map)
		return 0;
	v = bpf_map_lookup_elem(map, &zero);
	if (v)
		__sync_fetch_and_add(v, 1);
	return 0;
}

char _license[] SEC("license") = "GPL";
