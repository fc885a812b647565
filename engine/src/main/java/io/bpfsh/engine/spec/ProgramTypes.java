package io.bpfsh.engine.spec;

import io.bpfsh.engine.sys.ProgType;

/**
 * Program type by section name: gobpf's prefixes, iproute2's {@code classifier}/{@code action}, and
 * libbpf's common SEC() names. Returns null for sections that are not a known program type.
 */
final class ProgramTypes {
    /** enum bpf_attach_type values the kernel checks at load for some program types. */
    static final int BPF_CGROUP_INET_INGRESS = 0;
    static final int BPF_CGROUP_INET_EGRESS = 1;
    static final int BPF_CGROUP_INET_SOCK_CREATE = 2;
    static final int BPF_CGROUP_INET4_POST_BIND = 12;
    static final int BPF_CGROUP_INET6_POST_BIND = 13;
    static final int BPF_CGROUP_INET_SOCK_RELEASE = 34;
    static final int BPF_TCX_INGRESS = 46;
    static final int BPF_TCX_EGRESS = 47;

    private ProgramTypes() {
    }

    static ProgType of(String section) {
        if (startsWithAny(section, "kprobe/", "kretprobe/", "uprobe/", "uretprobe/", "ksyscall/", "kretsyscall/")) {
            return ProgType.KPROBE;
        }
        if (startsWithAny(section, "tracepoint/", "tp/")) {
            return ProgType.TRACEPOINT;
        }
        if (startsWithAny(section, "raw_tracepoint/", "raw_tp/")) {
            return ProgType.RAW_TRACEPOINT;
        }
        if (section.startsWith("socket")) {
            return ProgType.SOCKET_FILTER;
        }
        if (startsWithAny(section, "cgroup/skb", "cgroup_skb/")) {
            return ProgType.CGROUP_SKB;
        }
        if (section.equals("cgroup/sock") || section.startsWith("cgroup/sock_create")
                || section.startsWith("cgroup/sock_release") || section.startsWith("cgroup/post_bind")) {
            return ProgType.CGROUP_SOCK;
        }
        if (section.equals("classifier") || section.equals("tc") || startsWithAny(section, "sched_cls/", "classifier/",
                "tc/", "tcx/")) {
            return ProgType.SCHED_CLS;
        }
        if (section.equals("action") || startsWithAny(section, "sched_act/", "action/")) {
            return ProgType.SCHED_ACT;
        }
        if (section.equals("xdp") || section.startsWith("xdp/")) { // xdp.frags needs a prog flag: not yet
            return ProgType.XDP;
        }
        if (section.equals("perf_event")) {
            return ProgType.PERF_EVENT;
        }
        return null;
    }

    /** The expected_attach_type libbpf gives a section name; 0 where the type needs none. */
    static int expectedAttachType(String section) {
        switch (section) {
            case "cgroup_skb/egress":
                return BPF_CGROUP_INET_EGRESS;
            case "cgroup/sock_create":
            case "cgroup/sock":
                return BPF_CGROUP_INET_SOCK_CREATE;
            case "cgroup/post_bind4":
                return BPF_CGROUP_INET4_POST_BIND;
            case "cgroup/post_bind6":
                return BPF_CGROUP_INET6_POST_BIND;
            case "cgroup/sock_release":
                return BPF_CGROUP_INET_SOCK_RELEASE;
            case "tcx/ingress":
                return BPF_TCX_INGRESS;
            case "tcx/egress":
                return BPF_TCX_EGRESS;
            default:
                return BPF_CGROUP_INET_INGRESS;
        }
    }

    private static boolean startsWithAny(String s, String... prefixes) {
        for (String p : prefixes) {
            if (s.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
