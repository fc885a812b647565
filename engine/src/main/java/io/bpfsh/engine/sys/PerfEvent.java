package io.bpfsh.engine.sys;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.bpfsh.engine.EngineException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A perf event; owns its FD. Either of the kind BPF programs write to through a perf event array
 * (PERF_TYPE_SOFTWARE / PERF_COUNT_SW_BPF_OUTPUT, raw samples), one per CPU, whose ring is mapped by
 * the caller and whose FD is stored in the array's slot for that CPU; or a tracepoint or uprobe that a
 * BPF program is attached to through a perf-event link.
 */
public final class PerfEvent implements AutoCloseable {
    private static final long NR_PERF_EVENT_OPEN = syscallNumber(System.getProperty("os.arch"));
    private static final int PERF_TYPE_SOFTWARE = 1;
    private static final int PERF_TYPE_TRACEPOINT = 2;
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
            r = SyscallTrace.traced("perf_event_open", List.of(
                    new SyscallEvent.Field("type", new SyscallEvent.Symbol("PERF_TYPE_SOFTWARE")),
                    new SyscallEvent.Field("config", new SyscallEvent.Symbol("PERF_COUNT_SW_BPF_OUTPUT")),
                    new SyscallEvent.Field("wakeup_events", (long) Math.max(1, wakeupEvents)),
                    new SyscallEvent.Field("cpu", (long) cpu)), true, () -> {
                        long x = LibC.syscall(NR_PERF_EVENT_OPEN, attr, -1, cpu, -1, PERF_FLAG_FD_CLOEXEC);
                        return x < 0 ? -LibC.errno() : x;
                    });
        }
        if (r < 0) {
            throw new EngineException("perf_event_open (bpf output) on cpu " + cpu + ": "
                    + Errno.describe((int) -r));
        }
        PerfEvent event = new PerfEvent(new Fd((int) r), cpu);
        if (LibC.ioctl(event.fd.get(), PERF_EVENT_IOC_ENABLE, 0) != 0) {
            int errno = LibC.errno();
            event.close();
            throw new EngineException("enable perf event on cpu " + cpu + ": " + Errno.describe(errno));
        }
        return event;
    }

    /** perf_event_open(2) of a tracepoint by its tracefs id, as libbpf opens it (any process, cpu 0). */
    public static PerfEvent openTracepoint(int id, String subject) throws EngineException {
        return openTrace(PERF_TYPE_TRACEPOINT, id, null, 0, subject);
    }

    /**
     * perf_event_open(2) of a uprobe or uretprobe: {@code pmuType} from
     * /sys/bus/event_source/devices/uprobe/type, {@code config} the retprobe bit or 0, the probe at
     * {@code offset} bytes into {@code path}'s file.
     */
    public static PerfEvent openProbe(int pmuType, long config, String path, long offset, String subject)
            throws EngineException {
        return openTrace(pmuType, config, path, offset, subject);
    }

    private static PerfEvent openTrace(int type, long config, String path, long offset, String subject)
            throws EngineException {
        if (NR_PERF_EVENT_OPEN < 0) {
            throw new EngineException("perf_event_open: unsupported architecture " + System.getProperty("os.arch"));
        }
        byte[] p = path == null ? new byte[1] : (path + "\0").getBytes(StandardCharsets.UTF_8);
        long r;
        try (Memory attr = new Memory(ATTR_SIZE); Memory pathBuf = new Memory(p.length)) {
            attr.clear();
            pathBuf.write(0, p, 0, p.length);
            attr.setInt(0, type);                        // type
            attr.setInt(4, ATTR_SIZE);                   // size
            attr.setLong(8, config);                     // config
            attr.setLong(16, 1);                         // sample_period
            if (path != null) {
                attr.setLong(56, Pointer.nativeValue(pathBuf)); // config1: uprobe_path
                attr.setLong(64, offset);                // config2: probe_offset
            }
            List<SyscallEvent.Field> fields = path == null
                    ? List.of(new SyscallEvent.Field("type", (long) type), new SyscallEvent.Field("config", config))
                    : List.of(new SyscallEvent.Field("type", (long) type), new SyscallEvent.Field("config", config),
                            new SyscallEvent.Field("uprobe_path", path), new SyscallEvent.Field("probe_offset", offset));
            r = SyscallTrace.traced("perf_event_open", fields, true, () -> {
                long x = LibC.syscall(NR_PERF_EVENT_OPEN, attr, -1, 0, -1, PERF_FLAG_FD_CLOEXEC);
                return x < 0 ? -LibC.errno() : x;
            });
        }
        if (r < 0) {
            throw new EngineException("perf_event_open " + subject + ": " + Errno.describe((int) -r));
        }
        return new PerfEvent(new Fd((int) r), 0);
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
