/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Two kernel types that both stand for the local struct task_struct: they
 * agree on pid and disagree on tgid, so a tgid relocation is ambiguous.
 * Rebuild: clang -g -O2 -target bpf -fdebug-prefix-map=$PWD=. -c core_ambiguous.bpf.c -o core_ambiguous.o
 */
struct task_struct {
	int pid;
	int tgid;
};

struct task_struct___other {
	int pid;
	int spare;
	int tgid;
};

struct task_struct one;
struct task_struct___other other;
