/* SPDX-License-Identifier: GPL-2.0 */
/*
 * core_missing.c - reads a task_struct field that no kernel has, without
 * checking that it exists. libbpf refuses to load it (the relocation cannot
 * be resolved, so the instruction is poisoned and the verifier reaches it);
 * so must bpfsh, naming the relocation, rather than read some other field.
 */
#include "bpfsh_core.h"

struct task_struct {
	int pid;
	long bpfsh_no_such_field;
} __core;

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 1);
} missing_out SEC(".maps");

SEC("socket")
int read_missing(void *skb)
{
	struct task_struct *task = (void *)bpf_get_current_task();
	__u32 zero = 0;
	__u64 *out = bpf_map_lookup_elem(&missing_out, &zero);
	long v = 0;

	if (!out)
		return 0;
	core_read_into(&v, task, bpfsh_no_such_field);
	*out = v;
	return 0;
}

char _license[] SEC("license") = "GPL";
