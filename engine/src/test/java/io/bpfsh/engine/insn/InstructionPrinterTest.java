package io.bpfsh.engine.insn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The text of each instruction form, as the kernel's disassembler (and so bpftool) prints it. */
class InstructionPrinterTest {
    private static final InstructionNames NAMES = new InstructionNames() {
        @Override
        public String callTarget(int index, int src, short off, int imm) {
            return src == 1 ? "+" + imm : "helper" + imm;
        }

        @Override
        public String ldImm64(int index, int src, int imm, int nextImm) {
            return "imm(" + src + "," + imm + "," + nextImm + ")";
        }
    };

    private static String text(int code, int dst, int src, int off, int imm) {
        Instruction insn = new Instruction(code, dst, src, (short) off, imm);
        return InstructionPrinter.format(insn, insn.isLdImm64() ? new Instruction(0, 0, 0, (short) 0, 0) : null, 0,
                NAMES);
    }

    @Test
    void aluInBothWidths() {
        assertEquals("(b7) r2 = 1", text(0xb7, 2, 0, 0, 1));
        assertEquals("(0f) r1 += r2", text(0x0f, 1, 2, 0, 0));
        assertEquals("(64) w1 <<= 3", text(0x64, 1, 0, 0, 3));
        assertEquals("(07) r2 += -4", text(0x07, 2, 0, 0, -4));
        assertEquals("(c7) r3 s>>= 1", text(0xc7, 3, 0, 0, 1));
        assertEquals("(37) r0 s/= -2", text(0x37, 0, 0, 1, -2));
        assertEquals("(9c) w0 s%= w1", text(0x9c, 0, 1, 1, 0));
        assertEquals("(bf) r2 = (s8)r1", text(0xbf, 2, 1, 8, 0));
        assertEquals("(bc) w2 = (s16)w1", text(0xbc, 2, 1, 16, 0));
        assertEquals("(87) r1 = -r1", text(0x87, 1, 0, 0, 0));
        assertEquals("(84) w1 = -w1", text(0x84, 1, 0, 0, 0));
        assertEquals("(dc) r1 = be32 r1", text(0xdc, 1, 0, 0, 32));
        assertEquals("(d4) r1 = le16 r1", text(0xd4, 1, 0, 0, 16));
        assertEquals("(d7) r1 = bswap64 r1", text(0xd7, 1, 0, 0, 64));
        assertEquals("(bf) r0 = &(void __percpu *)(r0)", text(0xbf, 0, 0, -1, 0));
    }

    @Test
    void loadsAndStoresWithTheirSizes() {
        assertEquals("(61) r1 = *(u32 *)(r6 +0)", text(0x61, 1, 6, 0, 0));
        assertEquals("(79) r2 = *(u64 *)(r1 +8)", text(0x79, 2, 1, 8, 0));
        assertEquals("(91) r3 = *(s8 *)(r10 -8)", text(0x91, 3, 10, -8, 0));
        assertEquals("(63) *(u32 *)(r10 -4) = r2", text(0x63, 10, 2, -4, 0));
        assertEquals("(7a) *(u64 *)(r10 -8) = 5", text(0x7a, 10, 0, -8, 5));
        assertEquals("(72) *(u8 *)(r1 +2) = -1", text(0x72, 1, 0, 2, -1));
        assertEquals("(20) r0 = *(u32 *)skb[12]", text(0x20, 0, 0, 0, 12));
        assertEquals("(48) r0 = *(u16 *)skb[r1 + 2]", text(0x48, 0, 1, 0, 2));
        assertEquals("(18) r1 = imm(1,7,0)", text(0x18, 1, 1, 0, 7));
    }

    @Test
    void atomics() {
        assertEquals("(db) lock *(u64 *)(r0 +0) += r1", text(0xdb, 0, 1, 0, 0x00));
        assertEquals("(c3) lock *(u32 *)(r0 +4) |= r1", text(0xc3, 0, 1, 4, 0x40));
        assertEquals("(db) r1 = atomic64_fetch_add((u64 *)(r10 -8), r1)", text(0xdb, 10, 1, -8, 0x01));
        assertEquals("(c3) r1 = atomic_fetch_xor((u32 *)(r10 -8), r1)", text(0xc3, 10, 1, -8, 0xa1));
        assertEquals("(db) r0 = atomic64_cmpxchg((u64 *)(r10 -8), r0, r1)", text(0xdb, 10, 1, -8, 0xf1));
        assertEquals("(db) r1 = atomic64_xchg((u64 *)(r10 -8), r1)", text(0xdb, 10, 1, -8, 0xe1));
        assertEquals("(db) r1 = load_acquire((u64 *)(r2 +0))", text(0xdb, 1, 2, 0, 0x100));
        assertEquals("(db) store_release((u64 *)(r1 +0), r2)", text(0xdb, 1, 2, 0, 0x110));
    }

    @Test
    void jumpsAndCalls() {
        assertEquals("(05) goto pc+3", text(0x05, 0, 0, 3, 0));
        assertEquals("(06) gotol pc-70000", text(0x06, 0, 0, 0, -70000));
        assertEquals("(e5) may_goto pc+2", text(0xe5, 0, 0, 2, 0));
        assertEquals("(25) if r2 > 0x3f goto pc+1", text(0x25, 2, 0, 1, 0x3f));
        assertEquals("(15) if r0 == 0xffffffff goto pc+1", text(0x15, 0, 0, 1, -1));
        assertEquals("(6e) if w1 s> w2 goto pc-4", text(0x6e, 1, 2, -4, 0));
        assertEquals("(ad) if r1 < r2 goto pc+0", text(0xad, 1, 2, 0, 0));
        assertEquals("(95) exit", text(0x95, 0, 0, 0, 0));
        assertEquals("(85) call helper1#1", text(0x85, 0, 0, 0, 1));
        assertEquals("(85) call pc+5", text(0x85, 0, 1, 0, 5));
    }

    @Test
    void jumpTargetsCountFromTheNextInstruction() {
        assertEquals(2, new Instruction(0x25, 2, 0, (short) 1, 0x3f).jumpTarget(0), "if r2 > 0x3f goto pc+1");
        assertEquals(0, new Instruction(0x06, 0, 0, (short) 0, -2).jumpTarget(1), "gotol pc-2");
        assertEquals(-1, new Instruction(0x95, 0, 0, (short) 0, 0).jumpTarget(2), "exit");
        assertEquals(-1, new Instruction(0x85, 0, 1, (short) 0, 4).jumpTarget(2), "a BPF-to-BPF call is not a jump");
    }
}
