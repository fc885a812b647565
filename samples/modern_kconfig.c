/* SPDX-License-Identifier: GPL-2.0 */
/*
 * modern_kconfig.c - externs the loader fills in from the running kernel:
 * .kconfig values (its version and build configuration) and a .ksyms
 * kernel symbol address (from /proc/kallsyms).
 *
 *   kernel[0] = LINUX_KERNEL_VERSION            (a << 16) + (b << 8) + c
 *   kernel[1] = CONFIG_HZ                       an int option
 *   kernel[2] = CONFIG_BPF_SYSCALL              a bool option (y = 1)
 *   kernel[3] = CONFIG_NET_CLS_BPF              a tristate (y 1, m 2, n 0)
 *   kernel[4] = CONFIG_BPFSH_NO_SUCH_OPTION     weak and unset: 0
 *   kernel[5] = CONFIG_CC_VERSION_TEXT[0..7]    a string's first 8 bytes
 *   kernel[6] = &_stext                         a kernel symbol's address
 *
 * A socket filter, so that a test run executes it; returns 0.
 */
#include "bpfsh_helpers.h"

#define __kconfig __attribute__((section(".kconfig")))
#define __ksym __attribute__((section(".ksyms")))
#define __weak __attribute__((weak))

enum libbpf_tristate {
	TRI_NO = 0,
	TRI_YES = 1,
	TRI_MODULE = 2,
};

extern unsigned int LINUX_KERNEL_VERSION __kconfig;
extern int CONFIG_HZ __kconfig;
extern _Bool CONFIG_BPF_SYSCALL __kconfig;
extern enum libbpf_tristate CONFIG_NET_CLS_BPF __kconfig;
extern int CONFIG_BPFSH_NO_SUCH_OPTION __kconfig __weak;
extern char CONFIG_CC_VERSION_TEXT[32] __kconfig;
extern const void _stext __ksym;

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 7);
} kernel SEC(".maps");

static void store(__u32 key, __u64 value)
{
	bpf_map_update_elem(&kernel, &key, &value, BPF_ANY);
}

SEC("socket")
int read_config(void *skb)
{
	__u64 text = 0;

	store(0, LINUX_KERNEL_VERSION);
	store(1, CONFIG_HZ);
	store(2, CONFIG_BPF_SYSCALL);
	store(3, CONFIG_NET_CLS_BPF);
	store(4, CONFIG_BPFSH_NO_SUCH_OPTION);
	__builtin_memcpy(&text, CONFIG_CC_VERSION_TEXT, sizeof(text));
	store(5, text);
	store(6, (__u64)&_stext);
	return 0;
}

char _license[] SEC("license") = "GPL";
