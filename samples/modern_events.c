/* SPDX-License-Identifier: GPL-2.0 */
/*
 * modern_events.c - maps that are consumed, not iterated, and the programs that feed them, all
 * XDP (section "xdp", as libbpf wants it) and so runnable with BPF_PROG_TEST_RUN, no traffic needed:
 *   push_length:    pushes the packet length to the queue `lengths`
 *   emit_ring:      one `struct event` per packet into the ring buffer `ring`
 *   emit_perf:      one `struct event` per packet into the perf event array `events`
 *   record_latency: a log2 histogram (`latency_hist`) of the latency in nanoseconds that the
 *                   packet carries in its first 8 bytes (as a load generator stamps its probes)
 *   log_packet:     one bpf_printk line per packet ("bpfsh: packet of N bytes") for trace_pipe
 *   drain_requests: drains the user ring buffer `requests` (records user space wrote), counting them
 *                   and summing their first __u32 in `counts`
 * The perf event array gives only its key and value sizes (libbpf fills in one slot per possible CPU).
 */
#include "bpfsh_helpers.h"

/* One event per packet; 20 bytes, so a perf sample (4-byte size + data) needs no padding. */
struct event {
	__u32 seq;      /* 0, 1, 2, ... per program: a reader sees order and gaps */
	__u32 len;      /* packet length */
	__u32 cpu;      /* CPU that ran the program */
	__u32 ifindex;  /* receiving interface (1, lo, in a test run) */
	__u16 proto;    /* EtherType as on the wire (big-endian) */
	__u16 flags;    /* 1: the event was sent after an earlier one was dropped */
};

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096 * 4);
} ring SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_QUEUE);
	__uint(value_size, sizeof(__u32));
	__uint(max_entries, 16);
} lengths SEC(".maps");

/*
 * Counters: 0 events in the ring, 1 events offered to the perf array, 2 ring reservations refused
 * (ring full), 3 user ring buffer records drained, 4 the sum of their first __u32.
 */
#define COUNT_RING    0
#define COUNT_PERF    1
#define COUNT_DROPPED 2
#define COUNT_DRAINED 3
#define COUNT_SUM     4
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 5);
} counts SEC(".maps");

#define BPF_MAP_TYPE_USER_RINGBUF 31
struct {
	__uint(type, BPF_MAP_TYPE_USER_RINGBUF);
	__uint(max_entries, 4096);
} requests SEC(".maps");

/* Bucket 0 counts latency 0, bucket k >= 1 counts [2^(k-1), 2^k) nanoseconds. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 65);
} latency_hist SEC(".maps");

/* The event a program sends; typed through BTF, so a reader can show it field by field. */
struct event *unused_event_type_anchor;

static long (*bpf_map_push_elem)(void *map, const void *value, __u64 flags) = (void *)87;
static long (*bpf_perf_event_output)(void *ctx, void *map, __u64 flags, void *data, __u64 size) = (void *)25;
static __u32 (*bpf_get_smp_processor_id)(void) = (void *)8;
static void *(*bpf_ringbuf_reserve)(void *ringbuf, __u64 size, __u64 flags) = (void *)131;
static void (*bpf_ringbuf_submit)(void *data, __u64 flags) = (void *)132;

#define BPF_F_CURRENT_CPU 0xffffffffULL

struct bpf_dynptr {
	__u64 __opaque[2];
} __attribute__((aligned(8)));

static long (*bpf_user_ringbuf_drain)(void *map, void *callback_fn, void *ctx, __u64 flags) = (void *)209;
static long (*bpf_dynptr_read)(void *dst, __u32 len, const struct bpf_dynptr *src, __u32 offset,
			       __u64 flags) = (void *)201;

SEC("xdp")
int push_length(struct xdp_md *ctx)
{
	__u32 len = ctx->data_end - ctx->data;

	bpf_map_push_elem(&lengths, &len, 0);
	return XDP_PASS;
}

static __u64 *counter(__u32 key)
{
	return bpf_map_lookup_elem(&counts, &key);
}

static void fill(struct event *e, struct xdp_md *ctx, __u32 seq)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	__u16 *proto = data + 12;

	e->seq = seq;
	e->len = data_end - data;
	e->cpu = bpf_get_smp_processor_id();
	e->ifindex = ctx->ingress_ifindex;
	e->proto = (void *)(proto + 1) <= data_end ? *proto : 0;
	e->flags = 0;
}

SEC("xdp")
int emit_ring(struct xdp_md *ctx)
{
	__u64 *sent = counter(COUNT_RING);
	__u64 *dropped = counter(COUNT_DROPPED);
	struct event *e;

	if (!sent || !dropped)
		return XDP_ABORTED;
	e = bpf_ringbuf_reserve(&ring, sizeof(*e), 0);
	if (!e) {
		*dropped += 1;
		return XDP_PASS;
	}
	fill(e, ctx, *sent);
	e->flags = *dropped != 0;
	*sent += 1;
	bpf_ringbuf_submit(e, 0);
	return XDP_PASS;
}

SEC("xdp")
int emit_perf(struct xdp_md *ctx)
{
	__u64 *offered = counter(COUNT_PERF);
	struct event e;

	if (!offered)
		return XDP_ABORTED;
	fill(&e, ctx, *offered);
	*offered += 1;
	/* a full ring loses the sample; the kernel tells the reader how many with PERF_RECORD_LOST */
	bpf_perf_event_output(ctx, &events, BPF_F_CURRENT_CPU, &e, sizeof(e));
	return XDP_PASS;
}

static __u32 log2_bucket(__u64 v)
{
	__u32 r = 0;

	if (v == 0)
		return 0;
	if (v >> 32) { v >>= 32; r += 32; }
	if (v >> 16) { v >>= 16; r += 16; }
	if (v >> 8)  { v >>= 8;  r += 8; }
	if (v >> 4)  { v >>= 4;  r += 4; }
	if (v >> 2)  { v >>= 2;  r += 2; }
	if (v >> 1)  { r += 1; }
	return r + 1;
}

SEC("xdp")
int record_latency(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	__u64 *ns = data;
	__u32 bucket;
	__u64 *slot;

	if ((void *)(ns + 1) > data_end)
		return XDP_DROP;
	bucket = log2_bucket(*ns);
	slot = bpf_map_lookup_elem(&latency_hist, &bucket);
	if (slot)
		__sync_fetch_and_add(slot, 1);
	return XDP_PASS;
}

SEC("xdp")
int log_packet(struct xdp_md *ctx)
{
	/* on the stack, not in .rodata: the format needs no global data map */
	char fmt[] = "bpfsh: packet of %u bytes\n";

	bpf_trace_printk(fmt, sizeof(fmt), ctx->data_end - ctx->data);
	return XDP_PASS;
}

static long count_request(struct bpf_dynptr *record, void *ctx)
{
	__u64 *drained = counter(COUNT_DRAINED);
	__u64 *sum = counter(COUNT_SUM);
	__u32 value = 0;

	if (!drained || !sum)
		return 1; /* stop */
	bpf_dynptr_read(&value, sizeof(value), record, 0, 0);
	*drained += 1;
	*sum += value;
	return 0; /* next record */
}

SEC("xdp")
int drain_requests(struct xdp_md *ctx)
{
	bpf_user_ringbuf_drain(&requests, count_request, 0, 0);
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
