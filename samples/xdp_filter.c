/* SPDX-License-Identifier: GPL-2.0 */
/*
 * xdp_filter.c - an XDP filter whose verdict depends on the packet: IPv4
 * UDP datagrams to port 9 (discard) are dropped, everything else passes.
 * verdicts[0] counts passed packets, verdicts[1] dropped ones.
 */
#include "bpfsh_helpers.h"

#define ETH_HLEN      14
#define ETH_P_IP      0x0800
#define IPPROTO_UDP   17
#define DISCARD_PORT  9

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 2);
} verdicts SEC(".maps");

static __u32 verdict(struct xdp_md *ctx)
{
	__u8 *data = (__u8 *)(long)ctx->data;
	__u8 *end = (__u8 *)(long)ctx->data_end;
	__u8 *ip = data + ETH_HLEN;
	__u8 *udp;

	if (ip + 20 > end)
		return XDP_PASS;
	if (((data[12] << 8) | data[13]) != ETH_P_IP || ip[9] != IPPROTO_UDP)
		return XDP_PASS;
	udp = ip + (ip[0] & 0x0f) * 4;
	if (udp + 8 > end)
		return XDP_PASS;
	if (((udp[2] << 8) | udp[3]) == DISCARD_PORT)
		return XDP_DROP;
	return XDP_PASS;
}

SEC("xdp")
int filter(struct xdp_md *ctx)
{
	__u32 v = verdict(ctx);
	__u32 key = v == XDP_DROP ? 1 : 0;
	__u64 *count = bpf_map_lookup_elem(&verdicts, &key);

	if (count)
		__sync_fetch_and_add(count, 1);
	return v;
}

char _license[] SEC("license") = "GPL";
