package io.bpfsh.engine.sys;

import java.util.EnumSet;
import java.util.Set;

/**
 * Why the kernel refused a BPF_PROG_TEST_RUN, in words: EINVAL alone does not say which part of the
 * input broke which rule. The rules are the kernel's (net/bpf/test_run.c), stated here only to explain
 * a refusal, never to refuse first: the kernel stays the judge.
 */
final class TestRunRefusal {
    /** An Ethernet header: the least packet data the skb and XDP runners take. */
    private static final int ETH_HLEN = 14;
    private static final int RAW_TP_MAX_CTX = 12 * 8;

    private static final Set<ProgType> PACKET_TYPES = EnumSet.of(ProgType.XDP, ProgType.SCHED_CLS,
            ProgType.SCHED_ACT, ProgType.SOCKET_FILTER, ProgType.CGROUP_SKB, ProgType.LWT_IN, ProgType.LWT_OUT,
            ProgType.LWT_XMIT, ProgType.LWT_SEG6LOCAL, ProgType.FLOW_DISSECTOR);

    private TestRunRefusal() {
    }

    /** A hint for the error message, or null when there is nothing to add to the errno. */
    static String explain(ProgType type, TestRunInput in, int errno) {
        String typeName = type == null ? "this" : type.displayName();
        if (errno == Errno.ENOTSUPP.number() || errno == Errno.EOPNOTSUPP.number()) {
            return "this kernel cannot test-run " + typeName + " programs";
        }
        if (errno != Errno.EINVAL.number() || type == null) {
            return null;
        }
        if (PACKET_TYPES.contains(type)) {
            if (in.data().length < ETH_HLEN) {
                return typeName + " programs need packet data of at least " + ETH_HLEN
                        + " bytes (an Ethernet header), got " + in.data().length;
            }
            if (in.flags().contains(TestRunFlag.RUN_ON_CPU)) {
                return typeName + " programs run on the calling CPU: only raw tracepoints take a cpu";
            }
            if (type != ProgType.XDP && !in.flags().isEmpty()) {
                return typeName + " programs take no test-run flags";
            }
            if (in.ctx().length > 0) {
                return "the kernel refused the data or the ctx of " + in.ctx().length + " bytes (a " + typeName
                        + " ctx must be its context struct with only the fields the kernel lets a test set)";
            }
            return "the kernel refused this packet for a " + typeName + " program"
                    + (type == ProgType.SOCKET_FILTER || type == ProgType.CGROUP_SKB
                    ? " (an IPv4 or IPv6 ethertype needs a whole IP header after the Ethernet header)" : "");
        }
        if (type == ProgType.RAW_TRACEPOINT || type == ProgType.RAW_TRACEPOINT_WRITABLE) {
            return "raw tracepoint programs take only a ctx (their arguments, at most " + RAW_TP_MAX_CTX
                    + " bytes): no data and no repeat; a cpu needs the run-on-cpu flag";
        }
        if (type == ProgType.SYSCALL) {
            return "syscall programs take only a ctx (at most 65535 bytes): no data, repeat or flags";
        }
        return "the kernel refused this input for a " + typeName + " program";
    }
}
