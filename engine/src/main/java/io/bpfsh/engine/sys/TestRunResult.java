package io.bpfsh.engine.sys;

/**
 * What BPF_PROG_TEST_RUN reports: the program's return value, the mean run time, and the packet and
 * context as the program left them. The sizes are the kernel's: when the program made the packet
 * larger than the room reserved for it, {@code dataSizeOut} is the true size and {@code dataOut} holds
 * the first bytes only; the kernel then does not copy the context back ({@code ctxOut} is empty).
 *
 * @param returnValue    the program's r0 (u32 in the kernel; -1 reads as 0xffffffff unsigned)
 * @param durationNanos  mean nanoseconds per run
 * @param dataOut        the packet after the run, at most the reserved room
 * @param dataSizeOut    the packet's size after the run, as the kernel reports it
 * @param ctxOut         the context after the run, at most the reserved room; empty if none was asked for
 * @param ctxSizeOut     the context's size as the kernel reports it
 */
public record TestRunResult(int returnValue, long durationNanos, byte[] dataOut, int dataSizeOut,
                            byte[] ctxOut, int ctxSizeOut) {

    /** True when the packet came back larger than the room reserved for it (the copy is cut). */
    public boolean dataOutTruncated() {
        return Integer.toUnsignedLong(dataSizeOut) > dataOut.length;
    }

    /** True when the context came back larger than the room reserved for it. */
    public boolean ctxOutTruncated() {
        return Integer.toUnsignedLong(ctxSizeOut) > ctxOut.length;
    }
}
