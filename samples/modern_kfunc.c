/* SPDX-License-Identifier: GPL-2.0 */
/*
 * modern_kfunc.c - a call of a kernel function (kfunc) declared as a .ksyms
 * extern: the loader turns it into BPF_PSEUDO_KFUNC_CALL with the function's
 * vmlinux BTF id (bpf_cast_to_kern_ctx, which every program type may call
 * and the verifier inlines), and replaces the function in the object's BTF
 * the way libbpf does so that the kernel accepts it.
 *
 *   out[0] = 1 once the program ran (a socket filter; returns 0)
 */
#include "bpfsh_helpers.h"

#define __ksym __attribute__((section(".ksyms")))

extern void *bpf_cast_to_kern_ctx(void *obj) __ksym;

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 1);
} out SEC(".maps");

SEC("socket")
int cast_ctx(void *skb)
{
	__u32 zero = 0;
	void *kern = bpf_cast_to_kern_ctx(skb);
	__u64 ran = kern != 0;

	bpf_map_update_elem(&out, &zero, &ran, BPF_ANY);
	return 0;
}

char _license[] SEC("license") = "GPL";
