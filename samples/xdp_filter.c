/* SPDX-License-Identifier: GPL-2.0 */
/*
 * xdp_filter.c - an XDP filter whose verdict depends on the packet:
 * IPv4 UDP datagrams to port 7777 are dropped (XDP_DROP), every other
 * packet passes (XDP_PASS), and a packet too short for the headers it
 * claims is aborted (XDP_ABORTED). verdicts[action] counts the verdicts.
 *
 *   Ethernet (14 B, ethertype 0x0800) | IPv4 (IHL*4 B, protocol 17) | UDP (dest port 7777)
 */
#include "bpfsh_helpers.h"

#define ETH_P_IP     0x0800
#define IPPROTO_UDP  17
#define BLOCKED_PORT 7777

struct ethhdr {
	__u8  h_dest[6];
	__u8  h_source[6];
	__u16 h_proto;          /* network byte order */
};

struct iphdr {
	__u8  ihl_version;      /* low nibble: header length in 32-bit words */
	__u8  tos;
	__u16 tot_len;
	__u16 id;
	__u16 frag_off;
	__u8  ttl;
	__u8  protocol;
	__u16 check;
	__u32 saddr;
	__u32 daddr;
};

struct udphdr {
	__u16 source;
	__u16 dest;             /* network byte order */
	__u16 len;
	__u16 check;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 5);  /* one counter per XDP action */
} verdicts SEC(".maps");

static __attribute__((always_inline)) int verdict(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip;
	struct udphdr *udp;

	if ((void *)(eth + 1) > data_end)
		return XDP_ABORTED;
	if (eth->h_proto != __builtin_bswap16(ETH_P_IP))
		return XDP_PASS;
	ip = (void *)(eth + 1);
	if ((void *)(ip + 1) > data_end)
		return XDP_ABORTED;
	if (ip->protocol != IPPROTO_UDP)
		return XDP_PASS;
	udp = (void *)ip + (ip->ihl_version & 0x0f) * 4;
	if ((void *)(udp + 1) > data_end)
		return XDP_ABORTED;
	if (udp->dest == __builtin_bswap16(BLOCKED_PORT))
		return XDP_DROP;
	return XDP_PASS;
}

SEC("xdp")
int xdp_filter(struct xdp_md *ctx)
{
	__u32 action = verdict(ctx);
	__u64 *count = bpf_map_lookup_elem(&verdicts, &action);

	if (count)
		__sync_fetch_and_add(count, 1);
	return action;
}

char _license[] SEC("license") = "GPL";
