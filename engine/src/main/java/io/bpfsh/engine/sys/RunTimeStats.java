package io.bpfsh.engine.sys;

/**
 * BPF_ENABLE_STATS(BPF_STATS_RUN_TIME): while this FD is open the kernel counts every program's runs
 * and run time (bpf_prog_info run_cnt / run_time_ns), which costs a clock read per run; closing it
 * stops the counting (the counters keep their values). Several holders may be open at once.
 */
public final class RunTimeStats implements AutoCloseable {
    private static final int BPF_STATS_RUN_TIME = 0;

    private final Fd fd;

    private RunTimeStats(Fd fd) {
        this.fd = fd;
    }

    public static RunTimeStats enable() throws BpfException {
        return new RunTimeStats(new Fd(ObjectCommands.enableStats(BPF_STATS_RUN_TIME, "run time")));
    }

    @Override
    public void close() {
        fd.close();
    }
}
