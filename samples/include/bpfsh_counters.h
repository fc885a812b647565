/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bpfsh_counters.h - per-process counters for the tracing samples: a hash
 * from the calling process's tgid to a __u64 count, and the function that
 * adds one for the caller.
 */
#ifndef BPFSH_COUNTERS_H
#define BPFSH_COUNTERS_H

#include "bpfsh_helpers.h"

static __u64 (*bpf_get_current_pid_tgid)(void) = (void *)14;

#define PER_PROCESS_COUNTER(name)                  \
	struct {                                       \
		__uint(type, BPF_MAP_TYPE_HASH);           \
		__type(key, __u32);                        \
		__type(value, __u64);                      \
		__uint(max_entries, 1024);                 \
	} name SEC(".maps")

static __attribute__((always_inline)) void count(void *map)
{
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;
	__u64 one = 1;
	__u64 *c = bpf_map_lookup_elem(map, &tgid);

	if (c)
		__sync_fetch_and_add(c, 1);
	else
		bpf_map_update_elem(map, &tgid, &one, BPF_NOEXIST);
}

#endif /* BPFSH_COUNTERS_H */
