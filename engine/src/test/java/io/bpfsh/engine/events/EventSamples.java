package io.bpfsh.engine.events;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.load.Module;
import io.bpfsh.engine.sys.BpfProgram;
import io.bpfsh.engine.testing.Samples;
import io.bpfsh.engine.testing.TestBpffs;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** modern_events.o loaded for a test, with its programs run by BPF_PROG_TEST_RUN and its event decoded. */
final class EventSamples {
    /** EtherType IPv4 at bytes 12-13 of the test packets, as the wire has it. */
    static final int PACKET_LENGTH = 64;

    private EventSamples() {
    }

    static Module load(TestBpffs fs) throws EngineException {
        Module m = Module.open(Samples.object("modern_events.o"), fs.bpffs());
        try {
            m.load(Map.of());
            return m;
        } catch (EngineException | RuntimeException e) {
            m.close();
            throw e;
        }
    }

    static BpfProgram program(Module m, String function) {
        return m.program(function).orElseThrow().program();
    }

    static byte[] packet() {
        byte[] p = new byte[PACKET_LENGTH];
        p[12] = 0x08; // ETH_P_IP, big-endian
        p[13] = 0x00;
        return p;
    }

    static void run(BpfProgram p, int times) throws EngineException {
        for (int i = 0; i < times; i++) {
            p.testRun(packet(), 1);
        }
    }

    /** struct event {u32 seq, len, cpu, ifindex; u16 proto, flags}. */
    record Event(int seq, int len, int cpu, int ifindex, int proto, int flags) {
        static Event of(byte[] data) {
            ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
            return new Event(b.getInt(0), b.getInt(4), b.getInt(8), b.getInt(12), b.getShort(16) & 0xffff,
                    b.getShort(18) & 0xffff);
        }
    }

    /** Reads until {@code expected} records came or a read found nothing for a second. */
    static List<EventRecord> readAll(EventReader r, int expected) throws EngineException {
        List<EventRecord> all = new ArrayList<>();
        while (all.size() < expected) {
            List<EventRecord> got = r.read(expected - all.size(), Duration.ofSeconds(1));
            if (got.isEmpty()) {
                break;
            }
            all.addAll(got);
        }
        return all;
    }

    static List<Event> events(List<EventRecord> records) {
        return records.stream().filter(EventRecord.Sample.class::isInstance)
                .map(s -> Event.of(((EventRecord.Sample) s).data())).toList();
    }

    static long counter(Module m, int key) throws EngineException {
        byte[] v = m.map("counts").orElseThrow().map().lookup(u32(key));
        return ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
    }

    static byte[] u32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }
}
