package io.bpfsh.engine.insn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class InstructionTest {
    /** r1 = map[fd 0] as clang emits it: ld_imm64 dst r1, src 0, imm 0, then the zero second half. */
    private static final byte[] LD_MAP = {
        0x18, 0x01, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0,
    };

    @Test
    void decodesTheFieldsOfStructBpfInsn() {
        // call pc+5 to a BPF function: opcode 0x85, dst r0, src 1 (BPF_PSEUDO_CALL), off -2, imm 5
        byte[] code = {(byte) 0x85, 0x10, (byte) 0xfe, (byte) 0xff, 5, 0, 0, 0};
        Instruction i = Instruction.decode(code, 0);
        assertEquals(Opcode.CALL, i.opcode());
        assertEquals(0, i.dst());
        assertEquals(Pseudo.CALL, i.src());
        assertEquals(-2, i.offset());
        assertEquals(5, i.imm());
        assertTrue(i.isPseudoCall());
        assertFalse(i.isLdImm64());
        assertEquals(Opcode.CLASS_JMP, Opcode.instructionClass(i.opcode()));
    }

    @Test
    void aHelperCallIsNotAPseudoCall() {
        byte[] code = {(byte) 0x85, 0x00, 0, 0, 1, 0, 0, 0}; // call bpf_map_lookup_elem
        assertFalse(Instruction.decode(code, 0).isPseudoCall());
    }

    @Test
    void encodeIsTheInverseOfDecode() {
        Random random = new Random(9);
        for (int n = 0; n < 1000; n++) {
            byte[] code = new byte[8];
            random.nextBytes(code);
            byte[] again = new byte[8];
            Instruction.decode(code, 0).encode(again, 0);
            assertArrayEquals(code, again);
        }
    }

    @Test
    void fieldsOutOfRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Instruction(0x100, 0, 0, (short) 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Instruction(0x18, 16, 0, (short) 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Instruction(0x18, 0, -1, (short) 0, 0));
    }

    @Test
    void aMapValueReferenceSetsTheSourceNibbleTheFdAndTheOffsetInTheSecondHalf() {
        InstructionBuffer code = InstructionBuffer.copyOf(LD_MAP);
        code.setMapReference(0, Pseudo.MAP_VALUE, 7, 16);
        byte[] want = {
            0x18, 0x21, 0, 0, 7, 0, 0, 0,
            0, 0, 0, 0, 16, 0, 0, 0,
        };
        assertArrayEquals(want, code.toArray());
    }

    @Test
    void aMapFdReferenceLeavesTheSecondHalfAlone() {
        InstructionBuffer code = InstructionBuffer.copyOf(LD_MAP);
        code.setMapReference(0, Pseudo.MAP_FD, 0x01020304, 99);
        byte[] want = {
            0x18, 0x11, 0, 0, 4, 3, 2, 1,
            0, 0, 0, 0, 0, 0, 0, 0,
        };
        assertArrayEquals(want, code.toArray());
    }

    @Test
    void aMapReferenceNeedsACompleteLdImm64() {
        InstructionBuffer cut = InstructionBuffer.copyOf(LD_MAP, 0, 8);
        assertFalse(cut.isCompleteLdImm64(0));
        assertThrows(IllegalArgumentException.class, () -> cut.setMapReference(0, Pseudo.MAP_FD, 3, 0));
        byte[] exit = {(byte) 0x95, 0, 0, 0, 0, 0, 0, 0, (byte) 0x95, 0, 0, 0, 0, 0, 0, 0};
        assertThrows(IllegalArgumentException.class,
                () -> InstructionBuffer.copyOf(exit).setMapReference(0, Pseudo.MAP_FD, 3, 0));
    }

    @Test
    void appendReturnsTheStartIndexAndKeepsEarlierPatches() {
        byte[] exit = {(byte) 0x95, 0, 0, 0, 0, 0, 0, 0};
        InstructionBuffer code = InstructionBuffer.copyOf(LD_MAP);
        code.setMapReference(0, Pseudo.MAP_FD, 5, 0);
        for (int n = 0; n < 100; n++) {
            assertEquals(2 + n, code.append(exit, 0, 8));
        }
        assertEquals(102, code.count());
        assertEquals(5, code.get(0).imm());
        assertEquals(Opcode.EXIT, code.get(101).opcode());
        assertThrows(IndexOutOfBoundsException.class, () -> code.get(102));
    }

    @Test
    void codeThatIsNotWholeInstructionsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> InstructionBuffer.copyOf(new byte[12]));
        assertThrows(IllegalArgumentException.class, () -> InstructionBuffer.copyOf(LD_MAP, 4, 8));
    }

    @Test
    void registersAreNumberedZeroToTen() {
        assertEquals(Register.R10, Register.of(10));
        assertEquals(6, Register.R6.number());
        assertThrows(IllegalArgumentException.class, () -> Register.of(11));
    }
}
