/* SPDX-License-Identifier: GPL-2.0 */
/*
 * core_task.c - CO-RE reads of the current task, with the kernel's types
 * declared locally (and deliberately laid out differently from any kernel),
 * so that every offset must come from the running kernel's BTF.
 *
 * A socket filter, so that a test run (any packet) runs it in the calling
 * thread: task is then that thread, and the test knows every answer from
 * /proc. The same reads work in any program allowed bpf_probe_read_kernel.
 *
 *   facts[0].pid, .tgid       task->pid, task->tgid          (thread id, process id)
 *   facts[0].ppid             task->real_parent->tgid        (parent process id)
 *   facts[0].comm             task->comm                     (char array)
 *   facts[0].in_execve        a 1-bit bitfield               (0 outside execve)
 *   facts[0].flavor_tgid      tgid through struct task_struct___bpfsh (a ___flavor)
 *   facts[0].has_tgid         bpf_core_field_exists(tgid)         = 1
 *   facts[0].has_missing      bpf_core_field_exists(a field the kernel lacks) = 0
 *   facts[0].sid_exists       enumerator PIDTYPE_SID of enum pid_type exists  = 1
 *   facts[0].sid_value        its value in the kernel (7 here, 3 in Linux)
 *   facts[0].task_size        sizeof(struct task_struct) in the kernel
 *   facts[0].task_type_id     its BTF id in the kernel
 *   facts[0].no_type          bpf_core_type_exists(a type the kernel lacks) = 0
 */
#include "bpfsh_core.h"

enum pid_type {
	PIDTYPE_PID,
	PIDTYPE_TGID,
	PIDTYPE_SID = 7,
};

struct task_struct {
	char comm[16];
	unsigned int in_execve:1;
	unsigned int sched_migrated:1;
	struct task_struct *real_parent;
	int tgid;
	int pid;
} __core;

/* The same kernel struct under a flavor name: the loader strips "___bpfsh". */
struct task_struct___bpfsh {
	long bpfsh_no_such_field;
	int tgid;
} __core;

struct bpfsh_no_such_type {
	int x;
};

struct task_facts {
	__u64 pid;
	__u64 tgid;
	__u64 ppid;
	__u64 in_execve;
	__u64 flavor_tgid;
	__u64 has_tgid;
	__u64 has_missing;
	__u64 missing;
	__u64 sid_exists;
	__u64 sid_value;
	__u64 task_size;
	__u64 task_type_id;
	__u64 no_type;
	char comm[16];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, struct task_facts);
	__uint(max_entries, 1);
} facts SEC(".maps");

SEC("socket")
int read_task(void *skb)
{
	struct task_struct *task = (void *)bpf_get_current_task();
	struct task_struct___bpfsh *flavored = (void *)task;
	struct task_struct *parent = 0;
	__u32 zero = 0;
	struct task_facts *f = bpf_map_lookup_elem(&facts, &zero);
	int v = 0;

	if (!f)
		return 0;
	core_read_into(&v, task, pid);
	f->pid = v;
	core_read_into(&v, task, tgid);
	f->tgid = v;
	core_read_into(&parent, task, real_parent);
	core_read_into(&v, parent, tgid);
	f->ppid = v;
	bpf_probe_read_kernel_str(f->comm, sizeof(f->comm), __builtin_preserve_access_index(&task->comm));
	f->in_execve = core_read_bitfield(task, in_execve);
	core_read_into(&v, flavored, tgid);
	f->flavor_tgid = v;
	f->has_tgid = core_field_exists(task, tgid);
	f->has_missing = core_field_exists(flavored, bpfsh_no_such_field);
	if (core_field_exists(flavored, bpfsh_no_such_field)) {
		long m = 0;

		/* poisoned by the loader, and dead code: the verifier drops it */
		core_read_into(&m, flavored, bpfsh_no_such_field);
		f->missing = m;
	}
	f->sid_exists = core_enum_exists(enum pid_type, PIDTYPE_SID);
	f->sid_value = core_enum_value(enum pid_type, PIDTYPE_SID);
	f->task_size = core_type_size(struct task_struct);
	f->task_type_id = core_type_id_kernel(struct task_struct);
	f->no_type = core_type_exists(struct bpfsh_no_such_type);
	return 0;
}

char _license[] SEC("license") = "GPL";
