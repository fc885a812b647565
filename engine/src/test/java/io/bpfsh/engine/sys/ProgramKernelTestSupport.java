package io.bpfsh.engine.sys;

/** Hand-assembled programs for tests of other packages. */
public final class ProgramKernelTestSupport {
    private ProgramKernelTestSupport() {
    }

    public static byte[] returnZero() {
        return ProgramKernelTest.returnConstant(0);
    }
}
