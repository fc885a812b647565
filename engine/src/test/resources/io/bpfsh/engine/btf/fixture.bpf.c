/*
 * Source of fixture.btf, the .BTF section the io.bpfsh.engine.btf tests read. Self-contained (no kernel or libbpf
 * headers) so that it compiles the same anywhere. Regenerate, in this directory, with clang 14 or later:
 *
 *   clang -g -O2 -target bpf -fdebug-prefix-map="$PWD"=. -c fixture.bpf.c -o /tmp/fixture.o
 *   llvm-objcopy --dump-section .BTF=fixture.btf /tmp/fixture.o
 *
 * (The string section holds the source file name and lines for line info; the prefix map keeps the build directory
 * out of it, so the bytes do not depend on where the tree is checked out.)
 *
 * BtfFixtureTest looks types up by name, but hard-codes the section sizes and symbol offsets of that object
 * (llvm-readelf -S -s /tmp/fixture.o), which the DATASEC fix-ups need. The committed fixture.btf came from
 * clang 14.0.6.
 */
typedef unsigned char __u8;
typedef unsigned int __u32;
typedef unsigned long long __u64;
typedef long long __s64;

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
#define __array(name, val) typeof(val) *name[]

enum { MAP_HASH = 1, MAP_ARRAY = 2, MAP_PERF_EVENT_ARRAY = 4, MAP_ARRAY_OF_MAPS = 12 };
enum pin_type { PIN_NONE, PIN_BY_NAME };

struct counter {
	__u64 pkts;
	__u64 bytes;
};

enum color { RED, GREEN = 5, BLUE = 200 };

struct settings {
	enum color color;
	char name[12];
	__u8 mac[6];
	signed char delta;
	_Bool enabled;
	int mode : 3;
	unsigned int level : 5;
	short port;
	float ratio;
	double scale;
	__s64 offsets[2];
	union {
		__u32 word;
		__u8 bytes[4];
	} raw;
	void *ptr;
	union {
		__u32 id;
		__u32 alias;
	};
	enum trend { DOWN = -1, FLAT, UP } trend;
};

struct {
	__uint(type, MAP_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32);
	__type(value, struct counter);
	__uint(map_flags, 1);
	__uint(pinning, PIN_BY_NAME);
} counters SEC(".maps");

struct {
	__uint(type, MAP_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u32);
} config SEC(".maps");

struct {
	__uint(type, MAP_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} events SEC(".maps");

struct inner {
	__uint(type, MAP_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct settings);
};

struct {
	__uint(type, MAP_ARRAY_OF_MAPS);
	__uint(max_entries, 2);
	__type(key, __u32);
	__array(values, struct inner);
} outer SEC(".maps");

struct settings current = { .color = GREEN, .name = "eth0", .level = 7 };  /* .data */
char tag[8] = "abc";                                                       /* .data */
__u64 seen_total;                                                          /* .bss */
const volatile __u32 limit = 10;                                           /* .rodata */

static void *(*map_lookup_elem)(void *map, const void *key) = (void *)1;

SEC("xdp")
int count(void *ctx)
{
	__u32 key = 0;
	struct counter *c = map_lookup_elem(&counters, &key);
	if (c) {
		c->pkts++;
		c->bytes += limit + current.level + tag[0];
	}
	seen_total++;
	return 2;
}

char _license[] SEC("license") = "GPL";
