package io.bpfsh.shell.commands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.MapAttributes;
import io.bpfsh.engine.sys.MapType;
import io.bpfsh.engine.sys.PossibleCpus;
import io.bpfsh.engine.testing.Bpftool;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.Samples;
import io.bpfsh.engine.testing.TestBpffs;
import io.bpfsh.shell.TestShell;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** update REF KEY FIELD=VALUE... (read, modify, write) and update --cpu N, on the real kernel. */
@KernelTest
class FieldEditsKernelTest {
    private TestBpffs fs;
    private TestShell sh;

    @BeforeEach
    void setUp() {
        fs = new TestBpffs("shell-field-edits");
        sh = new TestShell(fs.root());
    }

    @AfterEach
    void tearDown() {
        sh.close();
        fs.close();
    }

    @Test
    void oneFieldChangesAndTheOthersKeepTheirBytes() {
        sh.ok("load " + Samples.object("modern_counter.o") + " --as c");
        sh.ok("update c:pkt_counts 7 '{pkts=5, bytes=1000}'");
        assertEquals("updated key: 7  value: {pkts=0, bytes=1000}\n", sh.ok("update c:pkt_counts 7 pkts=0"));
        assertEquals("updated key: 7  value: {pkts=2, bytes=3}\n", sh.ok("update c:pkt_counts 7 bytes=3 pkts=2"));
        String seen = Bpftool.run("-j", "map", "lookup", "pinned", fs.root().resolve("pkt_counts").toString(),
                "key", "7", "0", "0", "0");
        assertEquals(true, seen.contains("\"formatted\":{\"key\":7,\"value\":{\"pkts\":2,\"bytes\":3}}"), "bpftool: " + seen);
        assertEquals("error: update c:pkt_counts: key 8 not found; FIELD=VALUE edits change a value that is there",
                sh.fails("update c:pkt_counts 8 pkts=1"));
        assertEquals("error: value {nope=1}: struct counter has no field 'nope' (fields: pkts, bytes)",
                sh.fails("update c:pkt_counts 7 nope=1"));
        assertEquals("error: update c:pkt_counts: give one VALUE, or FIELD=VALUE edits (pkts=0 bytes=0)",
                sh.fails("update c:pkt_counts 7 pkts=1 5"));
        assertEquals("error: field pkts is given twice or inside another edit", sh.fails("update c:pkt_counts 7 pkts=1 pkts=2"));
        assertEquals("updated key: 7  value: {pkts=2, bytes=3}\n", sh.ok("lookup c:pkt_counts 7").replace("key", "updated key"),
                "failed edits changed nothing");
        sh.ok("close c --unpin-all");
    }

    @Test
    void cpuWritesOneCpusValueOfAPerCpuMap() throws Exception {
        int cpus = PossibleCpus.count();
        try (BpfMap pc = BpfMap.create(MapAttributes.of(MapType.PERCPU_ARRAY, 4, 8, 1).withName("pc"))) {
            fs.bpffs().pin(pc, fs.bpffs().resolve("pc"));
            sh.ok("update pc 0 5");
            sh.ok("update pc 0 9 --cpu " + (cpus - 1));
            ByteBuffer want = ByteBuffer.allocate(8 * cpus).order(ByteOrder.LITTLE_ENDIAN);
            for (int c = 0; c < cpus; c++) {
                want.putLong(c == cpus - 1 ? 9 : 5);
            }
            assertArrayEquals(want.array(), pc.lookup(new byte[4]));
            assertEquals("error: update pc: --cpu is all or a CPU from 0 to " + (cpus - 1) + ", not '" + cpus + "'",
                    sh.fails("update pc 0 1 --cpu " + cpus));
            assertEquals("error: update pc: FIELD=VALUE edits need the value's BTF type, and this map has none; "
                    + "give the whole VALUE", sh.fails("update pc 0 x=1"));
        }
    }
}
