package io.bpfsh.engine.events;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.Epoll;
import io.bpfsh.engine.sys.MapType;
import io.bpfsh.engine.sys.MappedMemory;
import io.bpfsh.engine.sys.PerfEvent;
import io.bpfsh.engine.sys.PossibleCpus;
import io.bpfsh.engine.sys.UpdateMode;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reader of a BPF_MAP_TYPE_PERF_EVENT_ARRAY, as libbpf's perf_buffer: for each online CPU (below the
 * map's max_entries) one BPF-output perf event, its mmap ring (a metadata page, then 2^n data
 * pages) and the map's slot for that CPU set to the event's FD, so that bpf_perf_event_output with
 * BPF_F_CURRENT_CPU lands in the ring of the CPU that ran the program.
 *
 * <p>Memory ordering as for {@link RingBufferReader}: data_head is read with getAcquire (the kernel
 * publishes it with a release after writing the records), data_tail written with setRelease once the
 * records are copied out (perf_event_mmap_page comments in include/uapi/linux/perf_event.h).
 */
public final class PerfEventReader implements EventReader {
    public static final int DEFAULT_PAGES_PER_CPU = 8;
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** struct perf_event_mmap_page: data_head @1024, data_tail @1032, data_offset @1040, data_size @1048. */
    private static final int DATA_HEAD = 1024;
    private static final int DATA_TAIL = 1032;
    private static final int DATA_OFFSET = 1040;
    private static final int DATA_SIZE = 1048;
    private static final int PERF_RECORD_LOST = 2;
    private static final int PERF_RECORD_SAMPLE = 9;
    private static final int WAIT_SLICE_MILLIS = 100;

    /** One CPU's event, ring and place in it. */
    private static final class CpuRing {
        final int cpu;
        final PerfEvent event;
        final MappedMemory memory;
        final ByteBuffer ring;
        final int dataOffset;
        final long dataSize;

        CpuRing(int cpu, PerfEvent event, MappedMemory memory, int pageSize) {
            this.cpu = cpu;
            this.event = event;
            this.memory = memory;
            this.ring = memory.buffer();
            long offset = ring.getLong(DATA_OFFSET);
            long size = ring.getLong(DATA_SIZE);
            // kernels before 4.1 leave data_offset/data_size 0: the data then starts at the second page
            this.dataOffset = offset == 0 ? pageSize : (int) offset;
            this.dataSize = size == 0 ? memory.length() - pageSize : size;
        }
    }

    private final BpfMap map;
    private final List<CpuRing> rings;
    private final Epoll epoll;
    private long lost;
    private int next; // the ring to start draining from, so that one busy CPU cannot starve the others
    private boolean closed;

    private PerfEventReader(BpfMap map, List<CpuRing> rings, Epoll epoll) {
        this.map = map;
        this.rings = rings;
        this.epoll = epoll;
    }

    /**
     * Opens a reader with {@code pagesPerCpu} data pages per CPU (a power of two). Takes over the
     * map's slots of the online CPUs; closing empties them again.
     */
    public static PerfEventReader open(BpfMap map, int pagesPerCpu) throws EngineException {
        if (map.type() != MapType.PERF_EVENT_ARRAY) {
            throw new EngineException(map.describe() + ": not a perf_event_array map");
        }
        if (pagesPerCpu <= 0 || Integer.bitCount(pagesPerCpu) != 1) {
            throw new EngineException(map.describe() + ": pages per CPU must be a power of two, not " + pagesPerCpu);
        }
        int page = MappedMemory.pageSize();
        BpfMap own = map.duplicate();
        List<CpuRing> rings = new ArrayList<>();
        Epoll epoll = null;
        try {
            epoll = Epoll.create();
            for (int cpu : PossibleCpus.online()) {
                if (Integer.toUnsignedLong(cpu) >= Integer.toUnsignedLong(own.info().maxEntries())) {
                    break; // the program cannot address slots past max_entries
                }
                PerfEvent event = PerfEvent.openBpfOutput(cpu, 1);
                MappedMemory memory;
                try {
                    memory = MappedMemory.map(event.fd(), 0, (long) (1 + pagesPerCpu) * page, true,
                            own.describe() + ": perf ring of cpu " + cpu);
                } catch (EngineException | RuntimeException e) {
                    event.close();
                    throw e;
                }
                rings.add(new CpuRing(cpu, event, memory, page));
                own.update(u32(cpu), u32(event.fd().get()), UpdateMode.ANY);
                epoll.add(event.fd(), Epoll.EPOLLIN, rings.size() - 1, own.describe() + " cpu " + cpu);
            }
            return new PerfEventReader(own, rings, epoll);
        } catch (EngineException | RuntimeException e) {
            release(own, rings, epoll);
            throw e;
        }
    }

    @Override
    public List<EventRecord> read(int max, Duration timeout) throws EngineException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int[] ready = new int[Math.max(1, rings.size())];
        while (true) {
            synchronized (this) {
                if (closed) {
                    return List.of();
                }
                List<EventRecord> out = new ArrayList<>();
                for (int i = 0; i < rings.size() && out.size() < max; i++) {
                    drain(rings.get((next + i) % rings.size()), max, out);
                }
                next = rings.isEmpty() ? 0 : (next + 1) % rings.size();
                long left = deadline - System.nanoTime();
                if (!out.isEmpty() || left <= 0 || Thread.currentThread().isInterrupted()) {
                    return out;
                }
                epoll.await((int) Math.min(WAIT_SLICE_MILLIS, Math.max(1, left / 1_000_000)), ready);
            }
        }
    }

    private void drain(CpuRing r, int max, List<EventRecord> out) {
        long head = (long) LONG.getAcquire(r.ring, DATA_HEAD);
        long tail = r.ring.getLong(DATA_TAIL); // only this reader writes it
        while (tail < head && out.size() < max) {
            // struct perf_event_header {u32 type; u16 misc; u16 size}
            int type = (int) readLong(r, tail, 4);
            int size = (int) (readLong(r, tail + 6, 2) & 0xffff);
            if (size < 8) {
                tail = head; // a corrupt header cannot be stepped over; drop what is left
                break;
            }
            if (type == PERF_RECORD_SAMPLE) {
                int rawSize = (int) readLong(r, tail + 8, 4);
                int n = Math.max(0, Math.min(rawSize, size - 12));
                out.add(new EventRecord.Sample(r.cpu, copy(r, tail + 12, n)));
            } else if (type == PERF_RECORD_LOST) {
                long count = readLong(r, tail + 16, 8); // {u64 id; u64 lost}
                lost += count;
                out.add(new EventRecord.Lost(r.cpu, count));
            }
            tail += size;
        }
        LONG.setRelease(r.ring, DATA_TAIL, tail);
    }

    /** A little-endian value of {@code width} bytes at ring position {@code pos} (which may wrap). */
    private static long readLong(CpuRing r, long pos, int width) {
        byte[] b = copy(r, pos, width);
        long v = 0;
        for (int i = width - 1; i >= 0; i--) {
            v = (v << 8) | (b[i] & 0xff);
        }
        return v;
    }

    /** Bytes at a ring position; perf maps the data once, so a record may wrap and is copied in two parts. */
    private static byte[] copy(CpuRing r, long pos, int length) {
        byte[] out = new byte[length];
        int start = (int) (pos & (r.dataSize - 1));
        int first = (int) Math.min(length, r.dataSize - start);
        r.ring.get(r.dataOffset + start, out, 0, first);
        if (first < length) {
            r.ring.get(r.dataOffset, out, first, length - first);
        }
        return out;
    }

    /** The CPUs this reader has a ring for. */
    public List<Integer> cpus() {
        return rings.stream().map(r -> r.cpu).toList();
    }

    @Override
    public synchronized long lostRecords() {
        return lost;
    }

    @Override
    public BpfMap map() {
        return map;
    }

    /** Waits for a read in progress (it holds the lock), so nothing is unmapped under it. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            release(map, rings, epoll);
        }
    }

    private static void release(BpfMap map, List<CpuRing> rings, Epoll epoll) {
        for (CpuRing r : rings) {
            try {
                // the slot holds a reference to the event: leave no ring of ours behind in the map
                map.delete(u32(r.cpu));
            } catch (EngineException | RuntimeException e) {
                // the map may be read-only to us or already gone; the event still closes below
            }
            Resources.closeAll(r.memory, r.event);
        }
        Resources.closeAll(epoll, map);
    }

    private static byte[] u32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }
}
