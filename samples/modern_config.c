/* SPDX-License-Identifier: GPL-2.0 */
/*
 * modern_config.c - global data: .rodata (const volatile, settable before
 * load), .data (initialised) and .bss (zeroed). Each run of config_prog
 * adds cfg_divisor to hits and sets seen to 1.
 */
#include "bpfsh_helpers.h"

const volatile __u32 cfg_divisor = 1;         /* .rodata, offset 0  */
const volatile char cfg_name[16] = "bpfsh";   /* .rodata, offset 4  */

__u64 hits = 0;                               /* .bss */
__u32 seen = 5;                               /* .data */

SEC("xdp")
int config_prog(struct xdp_md *ctx)
{
	hits += cfg_divisor;
	seen = 1;
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
