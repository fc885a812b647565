package io.bpfsh.engine.sys;

import java.util.Map;
import java.util.Optional;

/**
 * What a program's return value means for its type: XDP actions (enum xdp_action), tc actions
 * (TC_ACT_* in pkt_cls.h; tcx's TCX_PASS/DROP/REDIRECT share their numbers), socket filter lengths,
 * cgroup verdicts, sk_skb/sk_lookup (enum sk_action), lwt and flow dissector codes (enum bpf_ret_code),
 * netfilter verdicts. These are UAPI numbers, fixed by the kernel ABI; TC_ACT_* are macros, so they
 * are not in the kernel's BTF and are written out here.
 */
public final class ReturnValueNames {
    private static final Map<Integer, String> XDP = Map.of(0, "XDP_ABORTED", 1, "XDP_DROP", 2, "XDP_PASS",
            3, "XDP_TX", 4, "XDP_REDIRECT");
    private static final Map<Integer, String> TC = Map.of(-1, "TC_ACT_UNSPEC", 0, "TC_ACT_OK",
            1, "TC_ACT_RECLASSIFY", 2, "TC_ACT_SHOT", 3, "TC_ACT_PIPE", 4, "TC_ACT_STOLEN", 5, "TC_ACT_QUEUED",
            6, "TC_ACT_REPEAT", 7, "TC_ACT_REDIRECT", 8, "TC_ACT_TRAP");
    private static final Map<Integer, String> SK_ACTION = Map.of(0, "SK_DROP", 1, "SK_PASS");
    private static final Map<Integer, String> BPF_RET_CODE = Map.of(0, "BPF_OK", 2, "BPF_DROP",
            7, "BPF_REDIRECT", 128, "BPF_LWT_REROUTE", 129, "BPF_FLOW_DISSECTOR_CONTINUE");
    private static final Map<Integer, String> NETFILTER = Map.of(0, "NF_DROP", 1, "NF_ACCEPT");
    /** cgroup_skb: bit 0 allows the packet; on egress bit 1 asks for congestion notification. */
    private static final Map<Integer, String> CGROUP_SKB = Map.of(0, "drop", 1, "allow", 2, "drop, congestion",
            3, "allow, congestion");
    private static final Map<Integer, String> CGROUP_VERDICT = Map.of(0, "reject", 1, "allow");

    private ReturnValueNames() {
    }

    /** The name of {@code retval} for a program of the type, or empty where the value has no name. */
    public static Optional<String> of(ProgType type, int retval) {
        if (type == null) {
            return Optional.empty();
        }
        switch (type) {
            case XDP:
                return Optional.ofNullable(XDP.get(retval));
            case SCHED_CLS:
            case SCHED_ACT:
                return Optional.ofNullable(TC.get(retval));
            case SOCKET_FILTER:
                // the number of bytes of the packet to keep: 0 drops it, more than its length keeps it whole
                return Optional.of(retval == 0 ? "drop" : retval == -1 ? "keep all"
                        : "keep " + Integer.toUnsignedString(retval) + " bytes");
            case CGROUP_SKB:
                return Optional.ofNullable(CGROUP_SKB.get(retval));
            case CGROUP_SOCK:
            case CGROUP_SOCK_ADDR:
            case CGROUP_DEVICE:
            case CGROUP_SYSCTL:
            case CGROUP_SOCKOPT:
                return Optional.ofNullable(CGROUP_VERDICT.get(retval));
            case SK_SKB:
            case SK_MSG:
            case SK_LOOKUP:
            case SK_REUSEPORT:
                return Optional.ofNullable(SK_ACTION.get(retval));
            case LWT_IN:
            case LWT_OUT:
            case LWT_XMIT:
            case LWT_SEG6LOCAL:
            case FLOW_DISSECTOR:
                return Optional.ofNullable(BPF_RET_CODE.get(retval));
            case NETFILTER:
                return Optional.ofNullable(NETFILTER.get(retval));
            default:
                return Optional.empty();
        }
    }
}
