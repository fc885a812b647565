package io.bpfsh.engine.sys;

/**
 * What BPF_PROG_LOAD is asked for. {@code instructions} are the relocated 8-byte instructions;
 * {@code kernelVersion} matters only to kprobes on kernels before 5.0.
 */
public record ProgramLoadAttributes(ProgType type, byte[] instructions, String license, int kernelVersion,
                                    String name, int expectedAttachType, int btfFd) {

    public static ProgramLoadAttributes of(ProgType type, byte[] instructions, String license) {
        return new ProgramLoadAttributes(type, instructions, license, 0, "", 0, 0);
    }

    public ProgramLoadAttributes withName(String n) {
        return new ProgramLoadAttributes(type, instructions, license, kernelVersion, n, expectedAttachType, btfFd);
    }

    public ProgramLoadAttributes withKernelVersion(int v) {
        return new ProgramLoadAttributes(type, instructions, license, v, name, expectedAttachType, btfFd);
    }

    public ProgramLoadAttributes withExpectedAttachType(int t) {
        return new ProgramLoadAttributes(type, instructions, license, kernelVersion, name, t, btfFd);
    }

    public ProgramLoadAttributes withBtfFd(int fd) {
        return new ProgramLoadAttributes(type, instructions, license, kernelVersion, name, expectedAttachType, fd);
    }
}
