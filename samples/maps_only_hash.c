/* SPDX-License-Identifier: GPL-2.0 */
/*
 * maps_only_hash.c - gobpf layout, one map and no programs. Tests pin an
 * incompatible map at the same place first to exercise the compatibility
 * check.
 */
#include "gobpf_map.h"

struct bpf_map_def SEC("maps/compat_probe") compat_probe = {
	.type        = BPF_MAP_TYPE_HASH,
	.key_size    = sizeof(__u32),
	.value_size  = sizeof(__u64),
	.max_entries = 64,
	.pinning     = PIN_CUSTOM_NS,
	.namespace   = "",
};

char _license[] SEC("license") = "GPL";
