/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bpfsh_helpers.h - minimal, self-contained definitions for the bpfsh
 * sample BPF objects. Written for bpfsh; no system or libbpf headers needed.
 */
#ifndef BPFSH_HELPERS_H
#define BPFSH_HELPERS_H

/* Fixed-width types (BPF target: char 8, short 16, int 32, long long 64). */
typedef unsigned char      __u8;
typedef unsigned short     __u16;
typedef unsigned int       __u32;
typedef unsigned long long __u64;
typedef signed int         __s32;
typedef signed long long   __s64;

/* Place a symbol in a named ELF section. */
#define SEC(name) __attribute__((section(name), used))

/* Map types (values of enum bpf_map_type) used by the samples. */
#define BPF_MAP_TYPE_HASH          1
#define BPF_MAP_TYPE_ARRAY         2
#define BPF_MAP_TYPE_PERCPU_HASH   5
#define BPF_MAP_TYPE_PERCPU_ARRAY  6
#define BPF_MAP_TYPE_PERF_EVENT_ARRAY 4
#define BPF_MAP_TYPE_QUEUE         22
#define BPF_MAP_TYPE_RINGBUF       27

/* Flags of bpf_map_update_elem. */
#define BPF_ANY     0   /* create or overwrite */
#define BPF_NOEXIST 1   /* create only */
#define BPF_EXIST   2   /* overwrite only */

/* XDP verdicts. */
#define XDP_ABORTED  0
#define XDP_DROP     1
#define XDP_PASS     2
#define XDP_TX       3
#define XDP_REDIRECT 4

/* Pinning values of a BTF-defined map's "pinning" attribute. */
#define LIBBPF_PIN_NONE    0
#define LIBBPF_PIN_BY_NAME 1

/*
 * BTF-defined map attributes: an integer attribute is encoded as a pointer
 * to an array whose length is the value; a type attribute as a pointer to
 * that type.
 */
#define __uint(attr, n)   int (*attr)[n]
#define __type(attr, t)   typeof(t) *attr

/* XDP context as seen by the program (all fields are 32 bits wide). */
struct xdp_md {
	__u32 data;
	__u32 data_end;
	__u32 data_meta;
	__u32 ingress_ifindex;
	__u32 rx_queue_index;
	__u32 egress_ifindex;
};

/*
 * Helpers: the kernel resolves a call by its helper number, so each helper
 * is a function pointer whose value is that number.
 */
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
static long (*bpf_map_update_elem)(void *map, const void *key,
				   const void *value, __u64 flags) = (void *)2;
static long (*bpf_map_delete_elem)(void *map, const void *key) = (void *)3;
static long (*bpf_trace_printk)(const char *fmt, __u32 fmt_size, ...) = (void *)6;

#endif /* BPFSH_HELPERS_H */
