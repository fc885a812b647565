package io.bpfsh.engine.sys;

import io.bpfsh.engine.btf.BtfFuncInfo;
import io.bpfsh.engine.btf.BtfLineInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * What BPF_PROG_LOAD is asked for. {@code instructions} are the relocated 8-byte instructions;
 * {@code kernelVersion} matters only to kprobes on kernels before 5.0. {@code funcInfo} and
 * {@code lineInfo} are struct bpf_func_info (8 bytes) and bpf_line_info (16 bytes) records for the
 * program's BTF ({@code btfFd}), empty when there are none. {@code programFlags} are prog_flags
 * (BPF_F_SLEEPABLE, BPF_F_XDP_HAS_FRAGS); {@code attachBtfId} is the kernel BTF id a tracing or LSM
 * program attaches to (0: none).
 */
public record ProgramLoadAttributes(ProgType type, byte[] instructions, String license, int kernelVersion,
                                    String name, int expectedAttachType, int btfFd, byte[] funcInfo,
                                    byte[] lineInfo, int programFlags, int attachBtfId) {
    static final int FUNC_INFO_SIZE = 8;
    static final int LINE_INFO_SIZE = 16;

    public static ProgramLoadAttributes of(ProgType type, byte[] instructions, String license) {
        return new ProgramLoadAttributes(type, instructions, license, 0, "", 0, 0, new byte[0], new byte[0], 0, 0);
    }

    public ProgramLoadAttributes withName(String n) {
        return new ProgramLoadAttributes(type, instructions, license, kernelVersion, n, expectedAttachType, btfFd,
                funcInfo, lineInfo, programFlags, attachBtfId);
    }

    public ProgramLoadAttributes withKernelVersion(int v) {
        return new ProgramLoadAttributes(type, instructions, license, v, name, expectedAttachType, btfFd, funcInfo,
                lineInfo, programFlags, attachBtfId);
    }

    public ProgramLoadAttributes withExpectedAttachType(int t) {
        return new ProgramLoadAttributes(type, instructions, license, kernelVersion, name, t, btfFd, funcInfo,
                lineInfo, programFlags, attachBtfId);
    }

    public ProgramLoadAttributes withBtfFd(int fd) {
        return new ProgramLoadAttributes(type, instructions, license, kernelVersion, name, expectedAttachType, fd,
                funcInfo, lineInfo, programFlags, attachBtfId);
    }

    /** prog_flags and attach_btf_id, as the program's section asks for them. */
    public ProgramLoadAttributes withAttach(int flags, int btfId) {
        return new ProgramLoadAttributes(type, instructions, license, kernelVersion, name, expectedAttachType, btfFd,
                funcInfo, lineInfo, flags, btfId);
    }

    /**
     * The program's function and line records, in the kernel's layout: instruction offsets in instructions (the
     * records hold bytes), as PROG_LOAD wants them. They need {@link #withBtfFd} too.
     */
    public ProgramLoadAttributes withBtfExt(List<BtfFuncInfo> funcs, List<BtfLineInfo> lines) {
        ByteBuffer f = ByteBuffer.allocate(funcs.size() * FUNC_INFO_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        for (BtfFuncInfo r : funcs) f.putInt((int) (r.insnOffset() / 8)).putInt(r.typeId());
        ByteBuffer l = ByteBuffer.allocate(lines.size() * LINE_INFO_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        for (BtfLineInfo r : lines) {
            l.putInt((int) (r.insnOffset() / 8)).putInt(r.fileNameOffset()).putInt(r.lineOffset()).putInt(r.lineCol());
        }
        return new ProgramLoadAttributes(type, instructions, license, kernelVersion, name, expectedAttachType, btfFd,
                f.array(), l.array(), programFlags, attachBtfId);
    }
}
