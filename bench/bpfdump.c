// The C limit for bench/run.sh: bpf(2) called directly, no libbpf, so that the benchmark shows what
// the kernel's batch lookup plus the cheapest formatting cost, against which bpfsh and bpftool are
// measured.
//
//   bpfdump fill PIN N   create a hash map (4 B key, 8 B value, N entries), fill it with batch
//                        updates (key i, value i * 2654435761) and pin it at PIN
//   bpfdump dump PIN     print every entry as bpfsh's text dump does ("key: K  value: V", then
//                        "N entries"), read with BPF_MAP_LOOKUP_BATCH
//   bpfdump time CMD...  run CMD with stdout to /dev/null and print "WALL_US CPU_US" (user + system
//                        time of CMD and its threads and children, from wait4): the benchmark's
//                        clock, exact and without a shell in between
#include <errno.h>
#include <linux/bpf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BATCH 8192

static long sys_bpf(int cmd, union bpf_attr *attr) {
    return syscall(__NR_bpf, cmd, attr, sizeof(*attr));
}

static void die(const char *what) {
    fprintf(stderr, "bpfdump: %s: %s\n", what, strerror(errno));
    exit(1);
}

static int fill(const char *pin, uint32_t n) {
    union bpf_attr a;
    memset(&a, 0, sizeof(a));
    a.map_type = BPF_MAP_TYPE_HASH;
    a.key_size = 4;
    a.value_size = 8;
    a.max_entries = n;
    strncpy(a.map_name, "bench", sizeof(a.map_name) - 1);
    int fd = (int)sys_bpf(BPF_MAP_CREATE, &a);
    if (fd < 0) die("map create");
    uint32_t *keys = malloc(sizeof(uint32_t) * BATCH);
    uint64_t *values = malloc(sizeof(uint64_t) * BATCH);
    for (uint32_t done = 0; done < n;) {
        uint32_t count = n - done < BATCH ? n - done : BATCH;
        for (uint32_t i = 0; i < count; i++) {
            keys[i] = done + i;
            values[i] = (uint64_t)(done + i) * 2654435761u;
        }
        memset(&a, 0, sizeof(a));
        a.batch.map_fd = fd;
        a.batch.keys = (uintptr_t)keys;
        a.batch.values = (uintptr_t)values;
        a.batch.count = count;
        if (sys_bpf(BPF_MAP_UPDATE_BATCH, &a) < 0) die("update batch");
        done += count;
    }
    memset(&a, 0, sizeof(a));
    a.pathname = (uintptr_t)pin;
    a.bpf_fd = fd;
    if (sys_bpf(BPF_OBJ_PIN, &a) < 0) die(pin);
    return 0;
}

static char out[1 << 16];
static size_t used;

static void flush(void) {
    for (size_t off = 0; off < used;) {
        ssize_t w = write(1, out + off, used - off);
        if (w < 0) die("write");
        off += (size_t)w;
    }
    used = 0;
}

static void put(const char *s, size_t len) {
    memcpy(out + used, s, len);
    used += len;
}

static void put_u64(uint64_t v) {
    char digits[20];
    int i = 20;
    do {
        digits[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    put(digits + i, (size_t)(20 - i));
}

static int dump(const char *pin) {
    union bpf_attr a;
    memset(&a, 0, sizeof(a));
    a.pathname = (uintptr_t)pin;
    a.file_flags = BPF_F_RDONLY;
    int fd = (int)sys_bpf(BPF_OBJ_GET, &a);
    if (fd < 0) die(pin);
    uint32_t *keys = malloc(sizeof(uint32_t) * BATCH);
    uint64_t *values = malloc(sizeof(uint64_t) * BATCH);
    uint64_t in_batch = 0, out_batch = 0, total = 0;
    int first = 1, last = 0;
    while (!last) {
        memset(&a, 0, sizeof(a));
        a.batch.map_fd = fd;
        a.batch.in_batch = first ? 0 : (uintptr_t)&in_batch;
        a.batch.out_batch = (uintptr_t)&out_batch;
        a.batch.keys = (uintptr_t)keys;
        a.batch.values = (uintptr_t)values;
        a.batch.count = BATCH;
        if (sys_bpf(BPF_MAP_LOOKUP_BATCH, &a) < 0) {
            if (errno != ENOENT) die("lookup batch");
            last = 1; // the count still says how many entries this last call returned
        }
        for (uint32_t i = 0; i < a.batch.count; i++) {
            if (used > sizeof(out) - 64) flush();
            put("key: ", 5);
            put_u64(keys[i]);
            put("  value: ", 9);
            put_u64(values[i]);
            put("\n", 1);
        }
        total += a.batch.count;
        in_batch = out_batch;
        first = 0;
    }
    put_u64(total);
    put(total == 1 ? " entry\n" : " entries\n", total == 1 ? 7 : 9);
    flush();
    return 0;
}

static long long us(struct timeval t) {
    return (long long)t.tv_sec * 1000000 + t.tv_usec;
}

static int timed(char **cmd) {
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid < 0) die("fork");
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        if (null < 0 || dup2(null, 1) < 0) die("/dev/null");
        execvp(cmd[0], cmd);
        die(cmd[0]);
    }
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0) die("wait4");
    clock_gettime(CLOCK_MONOTONIC, &t1);
    long long wall = (t1.tv_sec - t0.tv_sec) * 1000000LL + (t1.tv_nsec - t0.tv_nsec) / 1000;
    printf("%lld %lld\n", wall, us(ru.ru_utime) + us(ru.ru_stime));
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

int main(int argc, char **argv) {
    if (argc >= 3 && strcmp(argv[1], "time") == 0) return timed(argv + 2);
    if (argc == 4 && strcmp(argv[1], "fill") == 0) return fill(argv[2], (uint32_t)strtoul(argv[3], NULL, 10));
    if (argc == 3 && strcmp(argv[1], "dump") == 0) return dump(argv[2]);
    fprintf(stderr, "usage: bpfdump fill PIN N | bpfdump dump PIN | bpfdump time CMD...\n");
    return 2;
}
