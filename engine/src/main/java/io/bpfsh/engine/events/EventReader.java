package io.bpfsh.engine.events;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.MapType;
import java.time.Duration;
import java.util.List;

/**
 * Reads the records BPF programs send through a ring buffer or a perf event array. A reader owns
 * its own FD on the map (the caller's handle may be closed) and its mappings; closing releases all.
 * One thread reads; {@link #close} from another thread waits for the current wait slice to end.
 */
public interface EventReader extends AutoCloseable {

    /** A ring buffer or a perf event array reader for the map, by its type. */
    static EventReader open(BpfMap map) throws EngineException {
        MapType type = map.type();
        if (type == MapType.RINGBUF) {
            return RingBufferReader.open(map);
        }
        if (type == MapType.PERF_EVENT_ARRAY) {
            return PerfEventReader.open(map, PerfEventReader.DEFAULT_PAGES_PER_CPU);
        }
        throw new EngineException(map.describe() + ": events come from ringbuf and perf_event_array maps; this is a "
                + (type == null ? "map of type " + map.info().type() : type.displayName()) + " map");
    }

    /**
     * The records ready now, at most {@code max}; when none are, waits up to {@code timeout} for the
     * kernel's wakeup. An empty list means the time ran out, or the thread was interrupted.
     */
    List<EventRecord> read(int max, Duration timeout) throws EngineException;

    /** Records the kernel reported lost so far (perf arrays; a ring buffer's producer sees its own drops). */
    long lostRecords();

    /**
     * True when no loaded program refers to the map any more: once it is drained, nothing else can
     * arrive (the map lives on only through this reader).
     */
    default boolean writersGone() throws EngineException {
        return !MapUsers.anyProgramUses(map().id());
    }

    /** The reader's own handle on the map. */
    BpfMap map();

    @Override
    void close();
}
