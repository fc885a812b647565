package io.bpfsh.engine.spec;

import io.bpfsh.engine.sys.AttachType;
import io.bpfsh.engine.sys.ProgType;
import java.util.List;
import java.util.Optional;

/**
 * The one table of program section names: libbpf's SEC() conventions (program type, expected attach
 * type, load flags, and where the attach target is written in the name), then the gobpf and iproute2
 * names bpfsh knew before libbpf's. The first matching entry wins, so specific names come before the
 * prefixes they share.
 *
 * <p>Matching is libbpf's: a pattern ending in {@code +} matches the name itself or the name followed
 * by {@code /} and a target; one ending in {@code /} matches any name it starts; any other pattern
 * matches exactly. A leading {@code ?} (libbpf: not loaded unless asked) is not part of the pattern.
 */
public final class ProgramSections {
    static final int SLEEPABLE = 1;
    static final int XDP_FRAGS = 2;
    /** The target after the '/' names a kernel BTF type whose id PROG_LOAD needs (attach_btf_id). */
    static final int ATTACH_BTF = 4;
    /** A legacy prefix (gobpf, iproute2): matched with startsWith, as those loaders did. */
    static final int LEGACY_PREFIX = 8;

    /** One row of the table. {@code attach} is the expected attach type; null where the type needs none. */
    record Definition(String pattern, ProgType type, AttachType attach, int flags) {
        boolean has(int flag) {
            return (flags & flag) != 0;
        }

        /** The text after the pattern ("" for an exact match), or null when the name does not match. */
        String target(String name) {
            if ((flags & LEGACY_PREFIX) != 0) {
                return name.startsWith(pattern) ? name.substring(pattern.length()) : null;
            }
            if (pattern.endsWith("+")) {
                String base = pattern.substring(0, pattern.length() - 1);
                if (name.equals(base)) {
                    return "";
                }
                return name.startsWith(base + "/") ? name.substring(base.length() + 1) : null;
            }
            if (pattern.endsWith("/")) {
                return name.startsWith(pattern) ? name.substring(pattern.length()) : null;
            }
            return name.equals(pattern) ? "" : null;
        }
    }

    private static final List<Definition> TABLE = List.of(
            // kprobes and uprobes: the target is FUNCTION[+OFFSET] or BINARY:SYMBOL
            def("kprobe+", ProgType.KPROBE, null, 0),
            def("kretprobe+", ProgType.KPROBE, null, 0),
            def("uprobe+", ProgType.KPROBE, null, 0),
            def("uretprobe+", ProgType.KPROBE, null, 0),
            def("uprobe.s+", ProgType.KPROBE, null, SLEEPABLE),
            def("uretprobe.s+", ProgType.KPROBE, null, SLEEPABLE),
            def("ksyscall+", ProgType.KPROBE, null, 0),
            def("kretsyscall+", ProgType.KPROBE, null, 0),
            def("usdt+", ProgType.KPROBE, null, 0),
            def("usdt.s+", ProgType.KPROBE, null, SLEEPABLE),
            def("kprobe.multi+", ProgType.KPROBE, AttachType.TRACE_KPROBE_MULTI, 0),
            def("kretprobe.multi+", ProgType.KPROBE, AttachType.TRACE_KPROBE_MULTI, 0),
            def("kprobe.session+", ProgType.KPROBE, AttachType.TRACE_KPROBE_SESSION, 0),
            def("uprobe.multi+", ProgType.KPROBE, AttachType.TRACE_UPROBE_MULTI, 0),
            def("uretprobe.multi+", ProgType.KPROBE, AttachType.TRACE_UPROBE_MULTI, 0),
            def("uprobe.multi.s+", ProgType.KPROBE, AttachType.TRACE_UPROBE_MULTI, SLEEPABLE),
            def("uretprobe.multi.s+", ProgType.KPROBE, AttachType.TRACE_UPROBE_MULTI, SLEEPABLE),
            def("uprobe.session+", ProgType.KPROBE, AttachType.TRACE_UPROBE_SESSION, 0),
            def("uprobe.session.s+", ProgType.KPROBE, AttachType.TRACE_UPROBE_SESSION, SLEEPABLE),
            // traffic control: tcx links, or classic cls_bpf through netlink for the bare names
            def("tc/ingress", ProgType.SCHED_CLS, AttachType.TCX_INGRESS, 0),
            def("tc/egress", ProgType.SCHED_CLS, AttachType.TCX_EGRESS, 0),
            def("tcx/ingress", ProgType.SCHED_CLS, AttachType.TCX_INGRESS, 0),
            def("tcx/egress", ProgType.SCHED_CLS, AttachType.TCX_EGRESS, 0),
            def("tc", ProgType.SCHED_CLS, null, 0),
            def("classifier", ProgType.SCHED_CLS, null, 0),
            def("action", ProgType.SCHED_ACT, null, 0),
            def("netkit/primary", ProgType.SCHED_CLS, AttachType.NETKIT_PRIMARY, 0),
            def("netkit/peer", ProgType.SCHED_CLS, AttachType.NETKIT_PEER, 0),
            // tracepoints: CATEGORY/NAME, raw ones NAME
            def("tracepoint+", ProgType.TRACEPOINT, null, 0),
            def("tp+", ProgType.TRACEPOINT, null, 0),
            def("tracepoint.s+", ProgType.TRACEPOINT, null, SLEEPABLE),
            def("tp.s+", ProgType.TRACEPOINT, null, SLEEPABLE),
            def("raw_tracepoint+", ProgType.RAW_TRACEPOINT, null, 0),
            def("raw_tp+", ProgType.RAW_TRACEPOINT, null, 0),
            def("raw_tracepoint.w+", ProgType.RAW_TRACEPOINT_WRITABLE, null, 0),
            def("raw_tp.w+", ProgType.RAW_TRACEPOINT_WRITABLE, null, 0),
            // BTF-typed tracing: the target is a kernel function or tracepoint looked up in vmlinux BTF
            def("tp_btf+", ProgType.TRACING, AttachType.TRACE_RAW_TP, ATTACH_BTF),
            def("fentry+", ProgType.TRACING, AttachType.TRACE_FENTRY, ATTACH_BTF),
            def("fmod_ret+", ProgType.TRACING, AttachType.MODIFY_RETURN, ATTACH_BTF),
            def("fexit+", ProgType.TRACING, AttachType.TRACE_FEXIT, ATTACH_BTF),
            def("fentry.s+", ProgType.TRACING, AttachType.TRACE_FENTRY, ATTACH_BTF | SLEEPABLE),
            def("fmod_ret.s+", ProgType.TRACING, AttachType.MODIFY_RETURN, ATTACH_BTF | SLEEPABLE),
            def("fexit.s+", ProgType.TRACING, AttachType.TRACE_FEXIT, ATTACH_BTF | SLEEPABLE),
            def("freplace+", ProgType.EXT, null, ATTACH_BTF),
            def("lsm+", ProgType.LSM, AttachType.LSM_MAC, ATTACH_BTF),
            def("lsm.s+", ProgType.LSM, AttachType.LSM_MAC, ATTACH_BTF | SLEEPABLE),
            def("lsm_cgroup+", ProgType.LSM, AttachType.LSM_CGROUP, ATTACH_BTF),
            def("iter+", ProgType.TRACING, AttachType.TRACE_ITER, ATTACH_BTF),
            def("iter.s+", ProgType.TRACING, AttachType.TRACE_ITER, ATTACH_BTF | SLEEPABLE),
            def("syscall", ProgType.SYSCALL, null, SLEEPABLE),
            def("struct_ops+", ProgType.STRUCT_OPS, null, 0),
            def("struct_ops.s+", ProgType.STRUCT_OPS, null, SLEEPABLE),
            // XDP: the devmap/cpumap forms run from a map; .frags programs accept multi-buffer packets
            def("xdp.frags/devmap", ProgType.XDP, AttachType.XDP_DEVMAP, XDP_FRAGS),
            def("xdp/devmap", ProgType.XDP, AttachType.XDP_DEVMAP, 0),
            def("xdp.frags/cpumap", ProgType.XDP, AttachType.XDP_CPUMAP, XDP_FRAGS),
            def("xdp/cpumap", ProgType.XDP, AttachType.XDP_CPUMAP, 0),
            def("xdp.frags", ProgType.XDP, AttachType.XDP, XDP_FRAGS),
            def("xdp", ProgType.XDP, AttachType.XDP, 0),
            def("perf_event", ProgType.PERF_EVENT, null, 0),
            def("lwt_in", ProgType.LWT_IN, null, 0),
            def("lwt_out", ProgType.LWT_OUT, null, 0),
            def("lwt_xmit", ProgType.LWT_XMIT, null, 0),
            def("lwt_seg6local", ProgType.LWT_SEG6LOCAL, null, 0),
            def("sockops", ProgType.SOCK_OPS, AttachType.CGROUP_SOCK_OPS, 0),
            def("sk_skb/stream_parser", ProgType.SK_SKB, AttachType.SK_SKB_STREAM_PARSER, 0),
            def("sk_skb/stream_verdict", ProgType.SK_SKB, AttachType.SK_SKB_STREAM_VERDICT, 0),
            def("sk_skb/verdict", ProgType.SK_SKB, AttachType.SK_SKB_VERDICT, 0),
            def("sk_skb", ProgType.SK_SKB, null, 0),
            def("sk_msg", ProgType.SK_MSG, AttachType.SK_MSG_VERDICT, 0),
            def("lirc_mode2", ProgType.LIRC_MODE2, AttachType.LIRC_MODE2, 0),
            def("flow_dissector", ProgType.FLOW_DISSECTOR, AttachType.FLOW_DISSECTOR, 0),
            // cgroups: the program attaches to a cgroup v2 directory with this attach type
            def("cgroup_skb/ingress", ProgType.CGROUP_SKB, AttachType.CGROUP_INET_INGRESS, 0),
            def("cgroup_skb/egress", ProgType.CGROUP_SKB, AttachType.CGROUP_INET_EGRESS, 0),
            def("cgroup/skb", ProgType.CGROUP_SKB, null, 0),
            def("cgroup/sock_create", ProgType.CGROUP_SOCK, AttachType.CGROUP_INET_SOCK_CREATE, 0),
            def("cgroup/sock_release", ProgType.CGROUP_SOCK, AttachType.CGROUP_INET_SOCK_RELEASE, 0),
            def("cgroup/sock", ProgType.CGROUP_SOCK, AttachType.CGROUP_INET_SOCK_CREATE, 0),
            def("cgroup/post_bind4", ProgType.CGROUP_SOCK, AttachType.CGROUP_INET4_POST_BIND, 0),
            def("cgroup/post_bind6", ProgType.CGROUP_SOCK, AttachType.CGROUP_INET6_POST_BIND, 0),
            def("cgroup/bind4", ProgType.CGROUP_SOCK_ADDR, AttachType.CGROUP_INET4_BIND, 0),
            def("cgroup/bind6", ProgType.CGROUP_SOCK_ADDR, AttachType.CGROUP_INET6_BIND, 0),
            def("cgroup/connect4", ProgType.CGROUP_SOCK_ADDR, AttachType.CGROUP_INET4_CONNECT, 0),
            def("cgroup/connect6", ProgType.CGROUP_SOCK_ADDR, AttachType.CGROUP_INET6_CONNECT, 0),
            def("cgroup/connect_unix", ProgType.CGROUP_SOCK_ADDR, AttachType.CGROUP_UNIX_CONNECT, 0),
            def("cgroup/sendmsg4", ProgType.CGROUP_SOCK_ADDR, AttachType.CGROUP_UDP4_SENDMSG, 0),
            def("cgroup/sendmsg6", ProgType.CGROUP_SOCK_ADDR, AttachType.CGROUP_UDP6_SENDMSG, 0),
            def("cgroup/sendmsg_unix", ProgType.CGROUP_SOCK_ADDR, AttachType.CGROUP_UNIX_SENDMSG, 0),
            def("cgroup/recvmsg4", ProgType.CGROUP_SOCK_ADDR, AttachType.CGROUP_UDP4_RECVMSG, 0),
            def("cgroup/recvmsg6", ProgType.CGROUP_SOCK_ADDR, AttachType.CGROUP_UDP6_RECVMSG, 0),
            def("cgroup/recvmsg_unix", ProgType.CGROUP_SOCK_ADDR, AttachType.CGROUP_UNIX_RECVMSG, 0),
            def("cgroup/getpeername4", ProgType.CGROUP_SOCK_ADDR, AttachType.CGROUP_INET4_GETPEERNAME, 0),
            def("cgroup/getpeername6", ProgType.CGROUP_SOCK_ADDR, AttachType.CGROUP_INET6_GETPEERNAME, 0),
            def("cgroup/getpeername_unix", ProgType.CGROUP_SOCK_ADDR, AttachType.CGROUP_UNIX_GETPEERNAME, 0),
            def("cgroup/getsockname4", ProgType.CGROUP_SOCK_ADDR, AttachType.CGROUP_INET4_GETSOCKNAME, 0),
            def("cgroup/getsockname6", ProgType.CGROUP_SOCK_ADDR, AttachType.CGROUP_INET6_GETSOCKNAME, 0),
            def("cgroup/getsockname_unix", ProgType.CGROUP_SOCK_ADDR, AttachType.CGROUP_UNIX_GETSOCKNAME, 0),
            def("cgroup/sysctl", ProgType.CGROUP_SYSCTL, AttachType.CGROUP_SYSCTL, 0),
            def("cgroup/getsockopt", ProgType.CGROUP_SOCKOPT, AttachType.CGROUP_GETSOCKOPT, 0),
            def("cgroup/setsockopt", ProgType.CGROUP_SOCKOPT, AttachType.CGROUP_SETSOCKOPT, 0),
            def("cgroup/dev", ProgType.CGROUP_DEVICE, AttachType.CGROUP_DEVICE, 0),
            def("sk_lookup", ProgType.SK_LOOKUP, AttachType.SK_LOOKUP, 0),
            def("netfilter", ProgType.NETFILTER, AttachType.NETFILTER, 0),
            def("sk_reuseport/migrate", ProgType.SK_REUSEPORT, AttachType.SK_REUSEPORT_SELECT_OR_MIGRATE, 0),
            def("sk_reuseport", ProgType.SK_REUSEPORT, AttachType.SK_REUSEPORT_SELECT, 0),
            // gobpf ("socket...", "xdp/NAME", "cgroup/skb...", "cgroup/sock..."), iproute2 (any
            // "classifier/", "action/") and older libbpf prefixes, matched as those loaders matched them
            def("socket", ProgType.SOCKET_FILTER, null, LEGACY_PREFIX),
            def("xdp/", ProgType.XDP, AttachType.XDP, LEGACY_PREFIX),
            def("cgroup/skb", ProgType.CGROUP_SKB, null, LEGACY_PREFIX),
            def("cgroup_skb/", ProgType.CGROUP_SKB, null, LEGACY_PREFIX),
            def("cgroup/sock", ProgType.CGROUP_SOCK, AttachType.CGROUP_INET_SOCK_CREATE, LEGACY_PREFIX),
            def("classifier/", ProgType.SCHED_CLS, null, LEGACY_PREFIX),
            def("sched_cls/", ProgType.SCHED_CLS, null, LEGACY_PREFIX),
            def("tc/", ProgType.SCHED_CLS, null, LEGACY_PREFIX),
            def("action/", ProgType.SCHED_ACT, null, LEGACY_PREFIX),
            def("sched_act/", ProgType.SCHED_ACT, null, LEGACY_PREFIX));

    private ProgramSections() {
    }

    private static Definition def(String pattern, ProgType type, AttachType attach, int flags) {
        return new Definition(pattern, type, attach, flags);
    }

    /** What a section name says about its program; empty when no convention knows the name. */
    public static Optional<ProgramSection> lookup(String section) {
        boolean optional = section.startsWith("?");
        String name = optional ? section.substring(1) : section;
        for (Definition d : TABLE) {
            String target = d.target(name);
            if (target != null) {
                return Optional.of(new ProgramSection(section, d, target, optional));
            }
        }
        return Optional.empty();
    }

    /** Every pattern, in table order (for help texts and completion). */
    public static List<String> patterns() {
        return TABLE.stream().map(Definition::pattern).toList();
    }
}
