/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tracepoint_counter.c - counts system calls per process (key: tgid):
 * getppid_calls by the syscalls:sys_enter_getppid tracepoint, syscalls by
 * the raw sys_enter tracepoint, btf_syscalls by the BTF-typed one.
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

PER_PROCESS_COUNTER(getppid_calls);
PER_PROCESS_COUNTER(syscalls);
PER_PROCESS_COUNTER(btf_syscalls);

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

SEC("tracepoint/syscalls/sys_enter_getppid")
int count_getppid(void *ctx)
{
	count(&getppid_calls);
	return 0;
}

SEC("raw_tp/sys_enter")
int count_syscalls(void *ctx)
{
	count(&syscalls);
	return 0;
}

SEC("tp_btf/sys_enter")
int count_btf_syscalls(void *ctx)
{
	count(&btf_syscalls);
	return 0;
}

char _license[] SEC("license") = "GPL";
