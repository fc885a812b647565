/* SPDX-License-Identifier: GPL-2.0 */
/*
 * uprobe_counter.c - counts calls of a user-space function per process (key:
 * tgid): calls and returns of libc's getppid through a uprobe and a
 * uretprobe named in their sections, and any_calls through a bare uprobe
 * whose BINARY:SYMBOL is given when it is attached.
 */
#include "bpfsh_helpers.h"

static __u64 (*bpf_get_current_pid_tgid)(void) = (void *)14;

#define PER_PROCESS_COUNTER(name)                  \
	struct {                                       \
		__uint(type, BPF_MAP_TYPE_HASH);           \
		__type(key, __u32);                        \
		__type(value, __u64);                      \
		__uint(max_entries, 1024);                 \
	} name SEC(".maps")

PER_PROCESS_COUNTER(calls);
PER_PROCESS_COUNTER(returns);
PER_PROCESS_COUNTER(any_calls);

static void count(void *map)
{
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;
	__u64 one = 1;
	__u64 *c = bpf_map_lookup_elem(map, &tgid);

	if (c)
		__sync_fetch_and_add(c, 1);
	else
		bpf_map_update_elem(map, &tgid, &one, BPF_NOEXIST);
}

SEC("uprobe/libc.so.6:getppid")
int count_calls(void *ctx)
{
	count(&calls);
	return 0;
}

SEC("uretprobe/libc.so.6:getppid")
int count_returns(void *ctx)
{
	count(&returns);
	return 0;
}

SEC("uprobe")
int count_any(void *ctx)
{
	count(&any_calls);
	return 0;
}

char _license[] SEC("license") = "GPL";
