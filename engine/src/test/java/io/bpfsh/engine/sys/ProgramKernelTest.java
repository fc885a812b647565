package io.bpfsh.engine.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.fs.PinPath;
import io.bpfsh.engine.testing.Bpftool;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.TestBpffs;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** PROG_LOAD with and without verifier errors, test runs, pins and info. */
@KernelTest
class ProgramKernelTest {

    /** "r0 = imm; exit": the smallest program the verifier accepts. */
    static byte[] returnConstant(int imm) {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0xb7).put((byte) 0x00).putShort((short) 0).putInt(imm); // mov64 r0, imm
        b.put((byte) 0x95).put((byte) 0x00).putShort((short) 0).putInt(0);   // exit
        return b.array();
    }

    @Test
    void loadsRunsPinsAndReportsInfo() throws Exception {
        try (TestBpffs fs = new TestBpffs("ProgramKernelTest");
             BpfProgram p = BpfProgram.load(ProgramLoadAttributes.of(ProgType.XDP, returnConstant(2), "GPL")
                     .withName("ret_pass"), "test: xdp")) {
            ProgInfo info = p.info();
            assertEquals(ProgType.XDP.number(), info.type());
            assertEquals("ret_pass", info.name());
            assertEquals(16, info.tag().length());

            TestRunResult r = p.testRun(new byte[64], 1);
            assertEquals(2, r.returnValue(), "XDP_PASS");
            assertEquals(64, r.dataOut().length);

            PinPath pin = fs.bpffs().resolve("prog");
            fs.bpffs().pin(p, pin);
            String json = Bpftool.progShowPinned(pin.toString());
            assertEquals(info.id(), Bpftool.number(json, "id"));
            assertEquals("xdp", Bpftool.string(json, "type"));
            assertEquals(info.tag(), Bpftool.string(json, "tag"));
            try (BpfProgram again = fs.bpffs().openProgram(pin)) {
                assertEquals(info.id(), again.id());
            }
            var wrongKind = assertThrows(WrongObjectKindException.class,
                    () -> fs.bpffs().openMap(pin, PinAccess.READ_WRITE));
            assertEquals(pin + ": is a prog, not a map", wrongKind.getMessage());
            assertTrue(KernelObjects.progIds().contains(info.id()));
        }
    }

    @Test
    void verifierRejectionCarriesTheLog() {
        // exit without setting r0: "R0 !read_ok"
        byte[] bad = new byte[8];
        bad[0] = (byte) 0x95;
        ProgramLoadException e = assertThrows(ProgramLoadException.class,
                () -> BpfProgram.load(ProgramLoadAttributes.of(ProgType.SOCKET_FILTER, bad, "GPL"), "bad.o: socket/x"));
        assertTrue(e.verifierLog().contains("R0 !read_ok"), e.verifierLog());
        assertTrue(e.getMessage().startsWith("load program bad.o: socket/x: permission denied (EACCES): verifier: "),
                e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line");
    }
}
