package io.bpfsh.engine.sys;

import java.util.Locale;

/** enum bpf_link_type (include/uapi/linux/bpf.h), in UAPI order, with bpftool's lower-case names. */
public enum LinkType {
    UNSPEC, RAW_TRACEPOINT, TRACING, CGROUP, ITER, NETNS, XDP, PERF_EVENT, KPROBE_MULTI, STRUCT_OPS,
    NETFILTER, TCX, UPROBE_MULTI, NETKIT, SOCKMAP;

    public int number() {
        return ordinal();
    }

    public String displayName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LinkType of(int number) {
        LinkType[] all = values();
        return number >= 0 && number < all.length ? all[number] : null;
    }

    /** "xdp", "tcx", ... or "type N" for a link type newer than bpfsh. */
    public static String nameOf(int number) {
        LinkType t = of(number);
        return t == null ? "type " + number : t.displayName();
    }
}
