package io.bpfsh.engine.sys;

/** The flags of BPF_PROG_TEST_RUN (BPF_F_TEST_* in include/uapi/linux/bpf.h). */
public enum TestRunFlag {
    /** Run on the CPU given with the input instead of the caller's (raw tracepoints; kernel 5.10). */
    RUN_ON_CPU(1),
    /** XDP: send the frames for real (XDP_TX, XDP_REDIRECT); there is then no data or ctx out. */
    XDP_LIVE_FRAMES(2),
    /** tc and socket programs: the skb carries CHECKSUM_COMPLETE. */
    SKB_CHECKSUM_COMPLETE(4);

    private final int bit;

    TestRunFlag(int bit) {
        this.bit = bit;
    }

    public int bit() {
        return bit;
    }
}
