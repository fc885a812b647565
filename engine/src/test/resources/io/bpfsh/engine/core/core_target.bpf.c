/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A stand-in kernel for CO-RE tests: the types samples/core_task.c reads, laid
 * out differently again, and the compiler's own offsets and sizes in .rodata
 * (expect[]) as the oracle the resolver's answers are checked against.
 * Rebuild: clang -g -O2 -target bpf -fdebug-prefix-map=$PWD=. -c core_target.bpf.c -o core_target.o
 */
enum pid_type { PIDTYPE_PID, PIDTYPE_TGID, PIDTYPE_PGID, PIDTYPE_SID, PIDTYPE_MAX };

struct task_struct {
	long state;
	unsigned int flags;
	int pid;
	char pad[100];
	struct {
		int tgid;
		struct task_struct *real_parent;
	};
	char comm[16];
	unsigned int sched_migrated:1;
	unsigned int in_execve:1;
};

struct task_struct kernel_task;
enum pid_type kernel_pid_type;

const volatile unsigned long long expect[] __attribute__((section(".rodata"))) = {
	__builtin_offsetof(struct task_struct, pid),
	__builtin_offsetof(struct task_struct, tgid),
	__builtin_offsetof(struct task_struct, real_parent),
	__builtin_offsetof(struct task_struct, comm),
	sizeof(struct task_struct),
	PIDTYPE_SID,
};
