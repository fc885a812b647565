package io.bpfsh.engine.attach;

import java.util.Locale;

/** How an XDP program runs on a device: the XDP_FLAGS_*_MODE bits of LINK_CREATE (include/uapi/linux/if_link.h). */
public enum XdpMode {
    /** The driver's native mode where it has one, else generic: the kernel chooses. */
    DEFAULT(0),
    /** XDP_FLAGS_SKB_MODE: after the stack allocated the skb; works on every device. */
    GENERIC(1 << 1),
    /** XDP_FLAGS_DRV_MODE: in the driver; fails on a device without native XDP. */
    NATIVE(1 << 2);

    private final int flags;

    XdpMode(int flags) {
        this.flags = flags;
    }

    public int flags() {
        return flags;
    }

    public String displayName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
