package io.bpfsh.engine.sys;

/**
 * What the kernel reports about a link (struct bpf_link_info): the common head, and the fields of the
 * link type's part that say where it is attached. Fields a link type does not have are 0 or "".
 *
 * @param ifindex       xdp, tcx, netkit: the device
 * @param attachType    tcx, cgroup, tracing, netns: enum bpf_attach_type
 * @param cgroupId      cgroup: the cgroup's id (its inode number)
 * @param targetBtfId   tracing: the kernel BTF id of the traced function
 * @param perfEventType perf_event: 1 uprobe, 2 uretprobe, 3 kprobe, 4 kretprobe, 5 tracepoint, 6 event
 * @param name          raw_tracepoint, perf_event tracepoint: the tracepoint; uprobe: the file; iter: the target
 * @param offset        perf_event uprobe/kprobe: the offset in the file or function
 */
public record LinkInfo(int type, int id, int progId, int ifindex, int attachType, long cgroupId, int targetBtfId,
                       int perfEventType, String name, long offset) {

    public LinkInfo(int type, int id, int progId) {
        this(type, id, progId, 0, 0, 0, 0, 0, "", 0);
    }

    public String typeName() {
        return LinkType.nameOf(type);
    }

    /** Where the link is attached, as one short phrase ("ifindex 3", "tracepoint syscalls/sys_enter_getppid"). */
    public String attachPoint() {
        LinkType t = LinkType.of(type);
        if (t == null) {
            return "";
        }
        switch (t) {
            case XDP:
                return ifindex == 0 ? "detached" : "ifindex " + ifindex + " " + NetDevices.nameOr(ifindex);
            case TCX:
            case NETKIT:
                return ifindex == 0 ? "detached" : "ifindex " + ifindex + " " + NetDevices.nameOr(ifindex) + " "
                        + AttachType.nameOf(attachType);
            case CGROUP:
                return "cgroup id " + cgroupId + " " + AttachType.nameOf(attachType);
            case RAW_TRACEPOINT:
                return "raw_tracepoint " + name;
            case TRACING:
                return AttachType.nameOf(attachType) + " btf id " + targetBtfId;
            case ITER:
                return "iter " + name;
            case PERF_EVENT:
                switch (perfEventType) {
                    case 1:
                    case 2:
                        return (perfEventType == 1 ? "uprobe " : "uretprobe ") + name + "+0x" + Long.toHexString(offset);
                    case 3:
                    case 4:
                        return (perfEventType == 3 ? "kprobe " : "kretprobe ") + name;
                    case 5:
                        return "tracepoint " + name;
                    default:
                        return "perf event";
                }
            default:
                return "";
        }
    }
}
