/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tracepoint_counter.c - counts system calls per process (key: tgid):
 * getppid_calls by the syscalls:sys_enter_getppid tracepoint, syscalls by
 * the raw sys_enter tracepoint, btf_syscalls by the BTF-typed one.
 */
#include "bpfsh_counters.h"

PER_PROCESS_COUNTER(getppid_calls);
PER_PROCESS_COUNTER(syscalls);
PER_PROCESS_COUNTER(btf_syscalls);

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
