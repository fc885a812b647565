/* SPDX-License-Identifier: GPL-2.0 */
/*
 * uprobe_counter.c - counts calls of a user-space function per process (key:
 * tgid): calls and returns of libc's getppid through a uprobe and a
 * uretprobe named in their sections, and any_calls through a bare uprobe
 * whose BINARY:SYMBOL is given when it is attached.
 */
#include "bpfsh_counters.h"

PER_PROCESS_COUNTER(calls);
PER_PROCESS_COUNTER(returns);
PER_PROCESS_COUNTER(any_calls);

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
