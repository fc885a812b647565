package io.bpfsh.engine.sys;

import java.util.Locale;

/** enum bpf_attach_type (include/uapi/linux/bpf.h), in UAPI order, with bpftool's lower-case names. */
public enum AttachType {
    CGROUP_INET_INGRESS, CGROUP_INET_EGRESS, CGROUP_INET_SOCK_CREATE, CGROUP_SOCK_OPS, SK_SKB_STREAM_PARSER,
    SK_SKB_STREAM_VERDICT, CGROUP_DEVICE, SK_MSG_VERDICT, CGROUP_INET4_BIND, CGROUP_INET6_BIND,
    CGROUP_INET4_CONNECT, CGROUP_INET6_CONNECT, CGROUP_INET4_POST_BIND, CGROUP_INET6_POST_BIND,
    CGROUP_UDP4_SENDMSG, CGROUP_UDP6_SENDMSG, LIRC_MODE2, FLOW_DISSECTOR, CGROUP_SYSCTL, CGROUP_UDP4_RECVMSG,
    CGROUP_UDP6_RECVMSG, CGROUP_GETSOCKOPT, CGROUP_SETSOCKOPT, TRACE_RAW_TP, TRACE_FENTRY, TRACE_FEXIT,
    MODIFY_RETURN, LSM_MAC, TRACE_ITER, CGROUP_INET4_GETPEERNAME, CGROUP_INET6_GETPEERNAME,
    CGROUP_INET4_GETSOCKNAME, CGROUP_INET6_GETSOCKNAME, XDP_DEVMAP, CGROUP_INET_SOCK_RELEASE, XDP_CPUMAP,
    SK_LOOKUP, XDP, SK_SKB_VERDICT, SK_REUSEPORT_SELECT, SK_REUSEPORT_SELECT_OR_MIGRATE, PERF_EVENT,
    TRACE_KPROBE_MULTI, LSM_CGROUP, STRUCT_OPS, NETFILTER, TCX_INGRESS, TCX_EGRESS, TRACE_UPROBE_MULTI,
    CGROUP_UNIX_CONNECT, CGROUP_UNIX_SENDMSG, CGROUP_UNIX_RECVMSG, CGROUP_UNIX_GETPEERNAME,
    CGROUP_UNIX_GETSOCKNAME, NETKIT_PRIMARY, NETKIT_PEER, TRACE_KPROBE_SESSION, TRACE_UPROBE_SESSION;

    /** The kernel's number (the declaration order is the UAPI order). */
    public int number() {
        return ordinal();
    }

    public String displayName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type for a kernel number, or null for one newer than bpfsh. */
    public static AttachType of(int number) {
        AttachType[] all = values();
        return number >= 0 && number < all.length ? all[number] : null;
    }

    public static String nameOf(int number) {
        AttachType t = of(number);
        return t == null ? "attach type " + number : t.displayName();
    }

    /** The cgroup attach types: a program of these attaches to a cgroup directory. */
    public boolean isCgroup() {
        return name().startsWith("CGROUP_") || this == LSM_CGROUP;
    }
}
