package io.bpfsh.engine.sys;

import com.sun.jna.Memory;
import io.bpfsh.engine.EngineException;

/**
 * A perf event of the kind BPF programs write to through a perf event array
 * (PERF_TYPE_SOFTWARE / PERF_COUNT_SW_BPF_OUTPUT, raw samples), one per CPU; owns its FD. Its ring is
 * mapped by the caller ({@link MappedMemory}) and the FD stored in the array's slot for that CPU.
 */
public final class PerfEvent implements AutoCloseable {
    private static final long NR_PERF_EVENT_OPEN = syscallNumber(System.getProperty("os.arch"));
    private static final int PERF_TYPE_SOFTWARE = 1;
    private static final int PERF_COUNT_SW_BPF_OUTPUT = 10;
    private static final long PERF_SAMPLE_RAW = 1 << 10;
    private static final int PERF_FLAG_FD_CLOEXEC = 8;
    /** _IO('$', 0) */
    private static final long PERF_EVENT_IOC_ENABLE = 0x2400;
    /** PERF_ATTR_SIZE_VER5: every field this class sets, and the kernel zero-fills the rest. */
    private static final int ATTR_SIZE = 112;

    private final Fd fd;
    private final int cpu;

    private PerfEvent(Fd fd, int cpu) {
        this.fd = fd;
        this.cpu = cpu;
    }

    static long syscallNumber(String arch) {
        switch (arch) {
            case "amd64":
            case "x86_64":
                return 298;
            case "aarch64":
            case "arm64":
                return 241;
            default:
                return -1;
        }
    }

    /**
     * perf_event_open(2) for BPF output on one CPU (any process), woken every {@code wakeupEvents}
     * samples, then enabled.
     */
    public static PerfEvent openBpfOutput(int cpu, int wakeupEvents) throws EngineException {
        if (NR_PERF_EVENT_OPEN < 0) {
            throw new EngineException("perf_event_open: unsupported architecture " + System.getProperty("os.arch"));
        }
        long r;
        try (Memory attr = new Memory(ATTR_SIZE)) {
            attr.clear();
            attr.setInt(0, PERF_TYPE_SOFTWARE);          // type
            attr.setInt(4, ATTR_SIZE);                   // size
            attr.setLong(8, PERF_COUNT_SW_BPF_OUTPUT);   // config
            attr.setLong(16, 1);                         // sample_period
            attr.setLong(24, PERF_SAMPLE_RAW);           // sample_type
            attr.setInt(48, Math.max(1, wakeupEvents));  // wakeup_events
            r = LibC.syscall(NR_PERF_EVENT_OPEN, attr, -1, cpu, -1, PERF_FLAG_FD_CLOEXEC);
        }
        if (r < 0) {
            throw new EngineException("perf_event_open (bpf output) on cpu " + cpu + ": "
                    + Errno.describe(LibC.errno()));
        }
        PerfEvent event = new PerfEvent(new Fd((int) r), cpu);
        if (LibC.ioctl(event.fd.get(), PERF_EVENT_IOC_ENABLE, 0) != 0) {
            int errno = LibC.errno();
            event.close();
            throw new EngineException("enable perf event on cpu " + cpu + ": " + Errno.describe(errno));
        }
        return event;
    }

    public Fd fd() {
        return fd;
    }

    public int cpu() {
        return cpu;
    }

    @Override
    public void close() {
        fd.close();
    }
}
