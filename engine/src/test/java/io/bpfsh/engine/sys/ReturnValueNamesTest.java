package io.bpfsh.engine.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Return values read as the program type means them. */
class ReturnValueNamesTest {
    @Test
    void namesPerType() {
        assertEquals(Optional.of("XDP_PASS"), ReturnValueNames.of(ProgType.XDP, 2));
        assertEquals(Optional.of("XDP_REDIRECT"), ReturnValueNames.of(ProgType.XDP, 4));
        assertEquals(Optional.empty(), ReturnValueNames.of(ProgType.XDP, 99), "r0 out of the enum has no name");
        assertEquals(Optional.of("TC_ACT_SHOT"), ReturnValueNames.of(ProgType.SCHED_CLS, 2));
        assertEquals(Optional.of("TC_ACT_UNSPEC"), ReturnValueNames.of(ProgType.SCHED_CLS, -1));
        assertEquals(Optional.of("drop"), ReturnValueNames.of(ProgType.SOCKET_FILTER, 0));
        assertEquals(Optional.of("keep 64 bytes"), ReturnValueNames.of(ProgType.SOCKET_FILTER, 64));
        assertEquals(Optional.of("keep all"), ReturnValueNames.of(ProgType.SOCKET_FILTER, -1));
        assertEquals(Optional.of("allow"), ReturnValueNames.of(ProgType.CGROUP_SKB, 1));
        assertEquals(Optional.of("SK_PASS"), ReturnValueNames.of(ProgType.SK_LOOKUP, 1));
        assertEquals(Optional.of("BPF_LWT_REROUTE"), ReturnValueNames.of(ProgType.LWT_XMIT, 128));
        assertEquals(Optional.of("NF_ACCEPT"), ReturnValueNames.of(ProgType.NETFILTER, 1));
        assertEquals(Optional.empty(), ReturnValueNames.of(ProgType.RAW_TRACEPOINT, 0));
        assertEquals(Optional.empty(), ReturnValueNames.of(null, 0));
    }

    @Test
    void inputDefaults() {
        TestRunInput in = TestRunInput.ofData(new byte[60]);
        assertEquals(60 + TestRunInput.GROWTH_ROOM, in.dataOutCapacity());
        assertEquals(0, in.ctxOutCapacity());
        assertEquals(0, in.flagBits());
        TestRunInput withCtx = in.withCtx(new byte[24]).onCpu(1);
        assertEquals(24, withCtx.ctxOutCapacity(), "a ctx beside a packet is read back");
        assertEquals(TestRunFlag.RUN_ON_CPU.bit(), withCtx.flagBits());
        assertEquals(1, withCtx.cpu());
        assertEquals(0, TestRunInput.ofCtx(new byte[8]).ctxOutCapacity(), "raw tracepoints refuse a ctx_out");
    }
}
