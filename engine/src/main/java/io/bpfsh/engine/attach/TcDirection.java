package io.bpfsh.engine.attach;

import io.bpfsh.engine.sys.AttachType;
import java.util.Locale;

/** Which way a traffic-control program sees packets on a device. */
public enum TcDirection {
    INGRESS(AttachType.TCX_INGRESS, AttachType.CGROUP_INET_INGRESS),
    EGRESS(AttachType.TCX_EGRESS, AttachType.CGROUP_INET_EGRESS);

    private final AttachType tcx;
    private final AttachType cgroupSkb;

    TcDirection(AttachType tcx, AttachType cgroupSkb) {
        this.tcx = tcx;
        this.cgroupSkb = cgroupSkb;
    }

    public AttachType tcx() {
        return tcx;
    }

    /** The cgroup_skb attach type of this direction. */
    public AttachType cgroupSkb() {
        return cgroupSkb;
    }

    public String displayName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The direction a tcx or cgroup_skb attach type names; null for any other. */
    public static TcDirection of(AttachType t) {
        for (TcDirection d : values()) {
            if (d.tcx == t || d.cgroupSkb == t) {
                return d;
            }
        }
        return null;
    }
}
