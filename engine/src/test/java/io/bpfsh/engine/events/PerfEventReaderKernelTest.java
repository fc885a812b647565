package io.bpfsh.engine.events;

import static io.bpfsh.engine.events.EventSamples.counter;
import static io.bpfsh.engine.events.EventSamples.events;
import static io.bpfsh.engine.events.EventSamples.program;
import static io.bpfsh.engine.events.EventSamples.readAll;
import static io.bpfsh.engine.events.EventSamples.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.events.EventSamples.Event;
import io.bpfsh.engine.load.Module;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.BpfProgram;
import io.bpfsh.engine.sys.PossibleCpus;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.TestBpffs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Perf event array samples written by emit_perf (modern_events.o) under BPF_PROG_TEST_RUN. */
@KernelTest
class PerfEventReaderKernelTest {
    private TestBpffs fs;

    @BeforeEach
    void setUp() {
        fs = new TestBpffs("PerfEventReaderKernelTest");
    }

    @AfterEach
    void tearDown() {
        fs.close();
    }

    @Test
    void samplesArriveWithTheirCpuInOrderPerCpu() throws Exception {
        try (Module m = EventSamples.load(fs);
             PerfEventReader reader = PerfEventReader.open(m.map("events").orElseThrow().map(), 8)) {
            assertEquals(PossibleCpus.online(), reader.cpus());
            run(program(m, "emit_perf"), 10);
            List<EventRecord> records = readAll(reader, 10);
            assertEquals(10, records.size());
            Map<Integer, List<Integer>> seqsByCpu = new TreeMap<>();
            for (EventRecord r : records) {
                EventRecord.Sample s = (EventRecord.Sample) r;
                assertEquals(20, s.data().length, "20 + 4 is 8-aligned: no padding");
                Event e = Event.of(s.data());
                assertEquals(s.cpu(), e.cpu(), "the record's CPU is the one the program ran on");
                assertEquals(EventSamples.PACKET_LENGTH, e.len());
                seqsByCpu.computeIfAbsent(s.cpu(), c -> new ArrayList<>()).add(e.seq());
            }
            for (List<Integer> seqs : seqsByCpu.values()) {
                assertEquals(seqs.stream().sorted().toList(), seqs, "in order within each CPU");
            }
            assertEquals(IntStream.range(0, 10).boxed().collect(Collectors.toSet()),
                    seqsByCpu.values().stream().flatMap(List::stream).collect(Collectors.toSet()));
            assertEquals(0, reader.lostRecords());
        }
    }

    @Test
    void aReaderThatFallsBehindIsToldHowManyWereLost() throws Exception {
        try (Module m = EventSamples.load(fs);
             PerfEventReader reader = PerfEventReader.open(m.map("events").orElseThrow().map(), 1)) {
            // 200 samples of 32 bytes (header, size, 20 bytes) into one 4096-byte ring, in one run on one CPU
            program(m, "emit_perf").testRun(EventSamples.packet(), 200);
            List<EventRecord> keptRecords = readAll(reader, 1000);
            List<Event> kept = events(keptRecords);
            int k = kept.size();
            assertTrue(k > 0 && k < 200, "a 4 KiB ring keeps part of 200 samples: " + k);
            assertEquals(IntStream.range(0, k).boxed().toList(), kept.stream().map(Event::seq).toList());
            int lossCpu = keptRecords.get(0).cpu();
            assertTrue(keptRecords.stream().allMatch(r -> r.cpu() == lossCpu), "one test run stays on one CPU");
            // the kernel writes its PERF_RECORD_LOST into that CPU's ring once there is room again, before the
            // next sample there. A test run runs where its thread is, and a thread tends to stay on one CPU: run
            // each from a new thread until one lands on the CPU that lost (bounded)
            List<EventRecord> after = new ArrayList<>();
            int runs = 0;
            while (after.stream().noneMatch(EventRecord.Lost.class::isInstance) && runs < 2000) {
                runOnNewThread(program(m, "emit_perf"));
                runs++;
                after.addAll(readAll(reader, 2));
            }
            List<EventRecord.Lost> losses = after.stream().filter(EventRecord.Lost.class::isInstance)
                    .map(EventRecord.Lost.class::cast).toList();
            assertEquals(1, losses.size(), "one loss notice after " + runs + " runs");
            assertEquals(lossCpu, losses.get(0).cpu());
            assertEquals(200 - k, losses.get(0).count());
            assertEquals(200 - k, reader.lostRecords());
            assertEquals(IntStream.range(200, 200 + runs).boxed().toList(), events(after).stream().map(Event::seq).toList(),
                    "every sample after the loss arrives");
            assertEquals(200 + runs, counter(m, 1), "the program offered every one");
        }
    }

    private static void runOnNewThread(BpfProgram p) throws Exception {
        Exception[] failure = new Exception[1];
        Thread t = new Thread(() -> {
            try {
                run(p, 1);
            } catch (Exception e) {
                failure[0] = e;
            }
        });
        t.start();
        t.join();
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    @Test
    void closingReleasesTheSlotsSoASecondReaderWorks() throws Exception {
        try (Module m = EventSamples.load(fs)) {
            BpfMap events = m.map("events").orElseThrow().map();
            try (EventReader first = EventReader.open(events)) {
                run(program(m, "emit_perf"), 1);
                assertEquals(1, readAll(first, 1).size());
            }
            run(program(m, "emit_perf"), 1); // no reader: the slot is empty and the sample goes nowhere
            try (EventReader second = EventReader.open(events)) {
                run(program(m, "emit_perf"), 1);
                List<Event> got = events(readAll(second, 5));
                assertEquals(List.of(2), got.stream().map(Event::seq).toList(), "only what came after it opened");
            }
        }
    }

    @Test
    void pagesPerCpuMustBeAPowerOfTwo() throws Exception {
        try (Module m = EventSamples.load(fs)) {
            EngineException e = assertThrows(EngineException.class,
                    () -> PerfEventReader.open(m.map("events").orElseThrow().map(), 3));
            assertTrue(e.getMessage().contains("power of two, not 3"), e.getMessage());
        }
    }
}
