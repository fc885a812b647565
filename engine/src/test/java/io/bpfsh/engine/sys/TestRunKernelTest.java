package io.bpfsh.engine.sys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.insn.Instruction;
import io.bpfsh.engine.insn.Opcode;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.OpenFds;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** BPF_PROG_TEST_RUN's inputs and outputs: ctx in and out, a packet grown past its room, cpu, refusals. */
@KernelTest
class TestRunKernelTest {
    private static final int BPF_FUNC_XDP_ADJUST_HEAD = 44;

    /** Hand-assembled instructions, encoded by the instruction model. */
    private static byte[] program(Instruction... insns) {
        byte[] code = new byte[insns.length * Instruction.SIZE];
        for (int i = 0; i < insns.length; i++) {
            insns[i].encode(code, i * Instruction.SIZE);
        }
        return code;
    }

    private static Instruction insn(int code, int dst, int src, int off, int imm) {
        return new Instruction(code, dst, src, (short) off, imm);
    }

    private static final int LDX_W = Opcode.CLASS_LDX | Opcode.MODE_MEM | Opcode.SIZE_W;
    private static final int LDX_DW = Opcode.CLASS_LDX | Opcode.MODE_MEM | Opcode.SIZE_DW;
    private static final int MOV64_K = Opcode.CLASS_ALU64 | Opcode.ALU_MOV;

    private static BpfProgram load(ProgType type, byte[] insns) throws BpfException {
        return BpfProgram.load(ProgramLoadAttributes.of(type, insns, "GPL"), "test: " + type.displayName());
    }

    @Test
    void ctxGoesInAndComesBack() throws Exception {
        // r0 = ctx->ingress_ifindex (xdp_md offset 12); exit
        try (BpfProgram p = load(ProgType.XDP, program(insn(LDX_W, 0, 1, 12, 0), insn(Opcode.EXIT, 0, 0, 0, 0)))) {
            byte[] xdpMd = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(0).putInt(64).putInt(0).putInt(1).array(); // data, data_end, data_meta, ifindex 1 (lo)
            TestRunResult r = p.testRun(TestRunInput.ofData(new byte[64]).withCtx(xdpMd));
            assertEquals(1, r.returnValue(), "the program read the ifindex given in the ctx");
            assertEquals(24, r.ctxSizeOut());
            assertEquals(24, r.ctxOut().length);
            assertEquals(1, ByteBuffer.wrap(r.ctxOut()).order(ByteOrder.LITTLE_ENDIAN).getInt(12));
        }
    }

    @Test
    void aPacketGrownPastItsRoomIsReportedWithItsTrueSize() throws Exception {
        // bpf_xdp_adjust_head(ctx, -16) puts 16 bytes in front of the packet; r0 = XDP_PASS; exit
        byte[] insns = program(insn(MOV64_K, 2, 0, 0, -16), insn(Opcode.CALL, 0, 0, 0, BPF_FUNC_XDP_ADJUST_HEAD),
                insn(MOV64_K, 0, 0, 0, 2), insn(Opcode.EXIT, 0, 0, 0, 0));
        try (BpfProgram p = load(ProgType.XDP, insns)) {
            byte[] data = new byte[64];
            Arrays.fill(data, (byte) 0x5a);
            TestRunResult roomy = p.testRun(TestRunInput.ofData(data));
            assertEquals(80, roomy.dataSizeOut());
            assertEquals(80, roomy.dataOut().length);
            assertArrayEquals(data, Arrays.copyOfRange(roomy.dataOut(), 16, 80), "the old packet follows the new head");

            TestRunResult cut = p.testRun(TestRunInput.ofData(data).withDataOutCapacity(64));
            assertEquals(2, cut.returnValue(), "ENOSPC still reports the run");
            assertEquals(80, cut.dataSizeOut());
            assertEquals(64, cut.dataOut().length);
            assertTrue(cut.dataOutTruncated());
        }
    }

    @Test
    void rawTracepointRunsOnTheCpuAsked() throws Exception {
        // r0 = *(u64 *)(ctx + 0); exit: returns the first argument
        try (BpfProgram p = load(ProgType.RAW_TRACEPOINT, program(insn(LDX_DW, 0, 1, 0, 0), insn(Opcode.EXIT, 0, 0, 0, 0)))) {
            byte[] args = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(42).array();
            assertEquals(42, p.testRun(TestRunInput.ofCtx(args)).returnValue());
            assertEquals(42, p.testRun(TestRunInput.ofCtx(args).onCpu(0)).returnValue());
            BpfException e = assertThrows(BpfException.class, () -> p.testRun(TestRunInput.ofCtx(args).withRepeat(5)));
            assertTrue(e.is(Errno.EINVAL));
            assertEquals("test run test: raw_tracepoint: invalid argument (EINVAL): raw tracepoint programs take"
                    + " only a ctx (their arguments, at most 96 bytes): no data and no repeat; a cpu needs the"
                    + " run-on-cpu flag", e.getMessage());
        }
    }

    @Test
    void refusalsSayWhy() throws Exception {
        try (BpfProgram xdp = load(ProgType.XDP, ProgramKernelTest.returnConstant(2));
             BpfProgram tp = load(ProgType.TRACEPOINT, ProgramKernelTest.returnConstant(0))) {
            BpfException shortPacket = assertThrows(BpfException.class,
                    () -> xdp.testRun(TestRunInput.ofData(new byte[13])));
            assertTrue(shortPacket.getMessage().endsWith(": xdp programs need packet data of at least 14 bytes"
                    + " (an Ethernet header), got 13"), shortPacket.getMessage());
            BpfException onCpu = assertThrows(BpfException.class,
                    () -> xdp.testRun(TestRunInput.ofData(new byte[64]).onCpu(0)));
            assertTrue(onCpu.getMessage().endsWith(": xdp programs run on the calling CPU: only raw tracepoints take"
                    + " a cpu"), onCpu.getMessage());
            BpfException notRunnable = assertThrows(BpfException.class,
                    () -> tp.testRun(TestRunInput.ofData(new byte[64])));
            assertTrue(notRunnable.getMessage().endsWith(": this kernel cannot test-run tracepoint programs"),
                    notRunnable.getMessage());
        }
    }

    @Test
    void runsLeaveNoDescriptorOpen() throws Exception {
        try (BpfProgram p = load(ProgType.XDP, ProgramKernelTest.returnConstant(1))) {
            p.testRun(TestRunInput.ofData(new byte[64]));
            int before = OpenFds.count();
            for (int i = 0; i < 50; i++) {
                assertEquals(1, p.testRun(TestRunInput.ofData(new byte[64]).withRepeat(3)).returnValue());
            }
            assertEquals(before, OpenFds.count());
        }
    }
}
