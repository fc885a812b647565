package io.bpfsh.engine.sys;

/**
 * What BPF_PROG_LOAD is asked for. {@code instructions} are the relocated 8-byte instructions;
 * {@code kernelVersion} matters only to kprobes on kernels before 5.0; {@code programFlags} are
 * prog_flags (BPF_F_SLEEPABLE, BPF_F_XDP_HAS_FRAGS); {@code attachBtfId} is the kernel BTF id a
 * tracing or LSM program attaches to (0: none).
 */
public record ProgramLoadAttributes(ProgType type, byte[] instructions, String license, int kernelVersion,
                                    String name, int expectedAttachType, int btfFd, int programFlags,
                                    int attachBtfId) {

    public static ProgramLoadAttributes of(ProgType type, byte[] instructions, String license) {
        return new ProgramLoadAttributes(type, instructions, license, 0, "", 0, 0, 0, 0);
    }

    public ProgramLoadAttributes withName(String n) {
        return new ProgramLoadAttributes(type, instructions, license, kernelVersion, n, expectedAttachType, btfFd,
                programFlags, attachBtfId);
    }

    public ProgramLoadAttributes withKernelVersion(int v) {
        return new ProgramLoadAttributes(type, instructions, license, v, name, expectedAttachType, btfFd,
                programFlags, attachBtfId);
    }

    public ProgramLoadAttributes withExpectedAttachType(int t) {
        return new ProgramLoadAttributes(type, instructions, license, kernelVersion, name, t, btfFd,
                programFlags, attachBtfId);
    }

    public ProgramLoadAttributes withBtfFd(int fd) {
        return new ProgramLoadAttributes(type, instructions, license, kernelVersion, name, expectedAttachType, fd,
                programFlags, attachBtfId);
    }

    public ProgramLoadAttributes withProgramFlags(int flags) {
        return new ProgramLoadAttributes(type, instructions, license, kernelVersion, name, expectedAttachType, btfFd,
                flags, attachBtfId);
    }

    public ProgramLoadAttributes withAttachBtfId(int id) {
        return new ProgramLoadAttributes(type, instructions, license, kernelVersion, name, expectedAttachType, btfFd,
                programFlags, id);
    }
}
