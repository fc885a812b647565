package io.bpfsh.engine.sys;

/**
 * A program's run counters as the kernel reports them now (bpf_prog_info run_cnt and run_time_ns);
 * they only grow while some {@link RunTimeStats} is open.
 */
public record ProgRunStats(int id, String name, String typeName, long runCount, long runTimeNanos) {

    /** Mean run time in nanoseconds, 0 before the first counted run. */
    public long averageNanos() {
        return runCount == 0 ? 0 : runTimeNanos / runCount;
    }
}
