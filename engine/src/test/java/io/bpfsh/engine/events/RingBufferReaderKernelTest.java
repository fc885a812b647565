package io.bpfsh.engine.events;

import static io.bpfsh.engine.events.EventSamples.counter;
import static io.bpfsh.engine.events.EventSamples.events;
import static io.bpfsh.engine.events.EventSamples.program;
import static io.bpfsh.engine.events.EventSamples.readAll;
import static io.bpfsh.engine.events.EventSamples.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.events.EventSamples.Event;
import io.bpfsh.engine.load.Module;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.KernelObjects;
import io.bpfsh.engine.sys.PinAccess;
import io.bpfsh.engine.sys.PossibleCpus;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.OpenFds;
import io.bpfsh.engine.testing.OpenMappings;
import io.bpfsh.engine.testing.TestBpffs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ring buffer records written by emit_ring (modern_events.o) under BPF_PROG_TEST_RUN. */
@KernelTest
class RingBufferReaderKernelTest {
    /**
     * The sample's ring: 16384 bytes; a 20-byte event takes 8 + 20 rounded to 32. The kernel keeps
     * producer - consumer at most size - 1 (ringbuf.c: new_prod_pos - cons_pos > mask), so one slot stays free.
     */
    private static final int RING_CAPACITY = (16384 - 1) / 32;

    private TestBpffs fs;

    @BeforeEach
    void setUp() {
        fs = new TestBpffs("RingBufferReaderKernelTest");
    }

    @AfterEach
    void tearDown() {
        fs.close();
    }

    @Test
    void recordsArriveInOrderTypedAndCounted() throws Exception {
        try (Module m = EventSamples.load(fs);
             EventReader reader = EventReader.open(m.map("ring").orElseThrow().map())) {
            run(program(m, "emit_ring"), 10);
            List<EventRecord> records = readAll(reader, 10);
            assertEquals(10, records.size());
            List<Event> events = events(records);
            assertEquals(IntStream.range(0, 10).boxed().toList(), events.stream().map(Event::seq).toList());
            for (EventRecord r : records) {
                assertEquals(EventRecord.ANY_CPU, r.cpu(), "a ring buffer does not say which CPU wrote");
                assertEquals(20, ((EventRecord.Sample) r).data().length, "exactly sizeof(struct event)");
            }
            Event first = events.get(0);
            assertEquals(EventSamples.PACKET_LENGTH, first.len());
            assertEquals(0x0008, first.proto(), "ETH_P_IP as the wire has it, read little-endian");
            assertTrue(first.cpu() < PossibleCpus.count());
            RecordType type = RecordType.resolve(m.spec().btf(), "struct event");
            assertEquals(20, type.size());
            assertEquals("{seq=3, len=64, cpu=" + events.get(3).cpu() + ", ifindex=" + events.get(3).ifindex()
                    + ", proto=8, flags=0}", type.text(((EventRecord.Sample) records.get(3)).data()));
            assertEquals(10, counter(m, 0), "the program counted what it sent");
            assertEquals(List.of(), reader.read(10, Duration.ZERO), "nothing more");
        }
    }

    @Test
    void oneTestRunWithRepeatGivesOneRecordPerRun() throws Exception {
        try (Module m = EventSamples.load(fs);
             EventReader reader = EventReader.open(m.map("ring").orElseThrow().map())) {
            program(m, "emit_ring").testRun(EventSamples.packet(), 100);
            List<Event> events = events(readAll(reader, 1000));
            assertEquals(IntStream.range(0, 100).boxed().toList(), events.stream().map(Event::seq).toList());
        }
    }

    @Test
    void aConsumerThatFallsBehindSeesWhatFitAndTheProgramCountsTheRest() throws Exception {
        try (Module m = EventSamples.load(fs);
             RingBufferReader reader = RingBufferReader.open(m.map("ring").orElseThrow().map())) {
            program(m, "emit_ring").testRun(EventSamples.packet(), RING_CAPACITY + 88);
            assertEquals(RING_CAPACITY * 32L, reader.pendingBytes(), "the ring is full");
            List<Event> events = events(readAll(reader, 10_000));
            assertEquals(RING_CAPACITY, events.size());
            assertEquals(IntStream.range(0, RING_CAPACITY).boxed().toList(), events.stream().map(Event::seq).toList());
            assertEquals(88, counter(m, 2), "reservations refused while the ring was full");
            assertEquals(RING_CAPACITY, counter(m, 0));
            run(program(m, "emit_ring"), 1);
            Event after = events(readAll(reader, 1)).get(0);
            assertEquals(RING_CAPACITY, after.seq(), "the next record follows, no seq lost in the ring itself");
            assertEquals(1, after.flags(), "the program marks events sent after a drop");
        }
    }

    @Test
    void survivesTheMapBeingUnpinnedAndTheProgramClosed() throws Exception {
        unpinAndCloseUnderTheReader(); // warms up the classes, whose loading opens jars at moments of its own
        int fds = OpenFds.count();
        long maps = OpenMappings.count();
        int mapId = unpinAndCloseUnderTheReader();
        assertEquals(fds, OpenFds.count(), "no FD left");
        assertEquals(maps, OpenMappings.count(), "no mapping left");
        // the kernel frees the map after an RCU grace period once the programs that used it are gone
        // (their own release is deferred too): wait for that, bounded
        boolean freed = false;
        for (int i = 0; i < 100 && !freed; i++) {
            try (BpfMap stillThere = KernelObjects.openMap(mapId, PinAccess.READ_WRITE)) {
                Thread.sleep(50);
            } catch (EngineException e) {
                freed = true;
            }
        }
        assertTrue(freed, "map id " + mapId + " is freed once the reader closed");
    }

    private int unpinAndCloseUnderTheReader() throws Exception {
        Path pin = fs.root().resolve("ring");
        EventReader reader;
        int mapId;
        try (Module m = EventSamples.load(fs)) {
            BpfMap ring = m.map("ring").orElseThrow().map();
            mapId = ring.id();
            ring.pin(pin.toString());
            try (BpfMap pinned = KernelObjects.openPinnedMap(pin.toString(), PinAccess.READ_WRITE)) {
                reader = EventReader.open(pinned); // the reader keeps its own FD
            }
            run(program(m, "emit_ring"), 3);
            assertFalse(reader.writersGone(), "emit_ring still refers to the map");
            Files.delete(pin);
        }
        try {
            assertEquals(mapId, reader.map().id(), "the map lives on through the reader");
            assertEquals(List.of(0, 1, 2), events(readAll(reader, 3)).stream().map(Event::seq).toList(),
                    "what was written before the program went is still read");
            assertEquals(List.of(), reader.read(10, Duration.ofMillis(50)));
            assertTrue(reader.writersGone(), "no program refers to the map: nothing more can come");
        } finally {
            reader.close();
        }
        reader.close(); // twice is harmless
        assertEquals(List.of(), reader.read(1, Duration.ofSeconds(1)), "a closed reader returns nothing, at once");
        return mapId;
    }

    @Test
    void readersLeaveNoFdOrMappingBehind() throws Exception {
        try (Module m = EventSamples.load(fs)) {
            BpfMap ring = m.map("ring").orElseThrow().map();
            BpfMap perf = m.map("events").orElseThrow().map();
            try (EventReader r = EventReader.open(ring); EventReader p = EventReader.open(perf)) {
                r.read(1, Duration.ZERO); // loads the classes before the baseline
            }
            int fds = OpenFds.count();
            long maps = OpenMappings.count();
            for (int i = 0; i < 20; i++) {
                try (EventReader r = EventReader.open(ring); EventReader p = EventReader.open(perf)) {
                    assertEquals(maps + 2 + PossibleCpus.online().size(), OpenMappings.count(),
                            "consumer page, producer pages and one perf ring per online CPU");
                    r.read(1, Duration.ZERO);
                    p.read(1, Duration.ZERO);
                }
            }
            assertEquals(fds, OpenFds.count(), "/proc/self/fd after 20 open/close cycles");
            assertEquals(maps, OpenMappings.count(), "/proc/self/maps after 20 open/close cycles");
        }
    }

    @Test
    void otherMapTypesAreRefusedByName() throws Exception {
        try (Module m = EventSamples.load(fs)) {
            EngineException e = assertThrows(EngineException.class,
                    () -> EventReader.open(m.map("counts").orElseThrow().map()));
            assertTrue(e.getMessage().contains("counts") && e.getMessage().contains("array map"), e.getMessage());
        }
    }
}
