/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bad_verifier.c - gobpf layout. Compiles, but the verifier rejects the
 * program: the value returned by bpf_map_lookup_elem() may be NULL and is
 * dereferenced without a check. Used to test that a failed load undoes
 * the pins it made (maps/rollback_probe is pinned before the program load).
 *
 * The key is taken from the packet length (first field of the socket
 * filter context) on purpose: recent verifiers know that an ARRAY lookup
 * with a constant in-bounds key cannot return NULL and would accept the
 * program; with an unknown key the result stays "map value or NULL".
 */
#include "gobpf_map.h"

/* Leading field of the socket filter context (struct __sk_buff). */
struct skb_prefix {
	__u32 len;
};

struct bpf_map_def SEC("maps/rollback_probe") rollback_probe = {
	.type        = BPF_MAP_TYPE_ARRAY,
	.key_size    = sizeof(__u32),
	.value_size  = sizeof(__u32),
	.max_entries = 4,
	.pinning     = PIN_GLOBAL_NS,
	.namespace   = "ns1",
};

SEC("socket/bad")
int bad(struct skb_prefix *skb)
{
	__u32 key = skb->len;
	__u32 *value;

	value = bpf_map_lookup_elem(&rollback_probe, &key);
	/* Deliberately no NULL check: rejected by the verifier. */
	*value += 1;
	return 0;
}

char _license[] SEC("license") = "GPL";
