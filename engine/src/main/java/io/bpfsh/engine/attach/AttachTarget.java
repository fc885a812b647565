package io.bpfsh.engine.attach;

import io.bpfsh.engine.EngineException;

/**
 * Where the caller wants a program attached; each field null (or DEFAULT) when not given. What a
 * program needs depends on its type: a device (XDP; tc with a direction), a cgroup directory, a
 * tracepoint CATEGORY/NAME, a raw tracepoint NAME, a uprobe BINARY:SYMBOL. Where the program's section
 * name holds the target ({@code tracepoint/syscalls/sys_enter_getppid}), nothing needs to be given.
 */
public record AttachTarget(String device, XdpMode xdpMode, TcDirection direction, String cgroup, String tracepoint,
                           String rawTracepoint, String uprobe) {

    public static AttachTarget none() {
        return new AttachTarget(null, XdpMode.DEFAULT, null, null, null, null, null);
    }

    /**
     * The target written without an option ({@code attach REF TARGET}): a device for XDP and tc
     * programs, a cgroup directory for cgroup programs, CATEGORY/NAME for tracepoints, NAME for raw
     * tracepoints, BINARY:SYMBOL for uprobes.
     */
    public AttachTarget withPositional(io.bpfsh.engine.sys.ProgType type, String value) throws EngineException {
        if (type == null) {
            throw new EngineException("target '" + value + "': the program's type is unknown to bpfsh");
        }
        switch (type) {
            case XDP:
            case SCHED_CLS:
                return withDevice(value);
            case TRACEPOINT:
                return withTracepoint(value);
            case RAW_TRACEPOINT:
            case RAW_TRACEPOINT_WRITABLE:
                return withRawTracepoint(value);
            case KPROBE:
                return withUprobe(value);
            case CGROUP_SKB:
            case CGROUP_SOCK:
            case CGROUP_SOCK_ADDR:
            case CGROUP_SOCKOPT:
            case CGROUP_SYSCTL:
            case CGROUP_DEVICE:
            case SOCK_OPS:
                return withCgroup(value);
            default:
                throw new EngineException("target '" + value + "': " + type.displayName()
                        + " programs take no target (their section names it, or bpfsh cannot attach them)");
        }
    }

    public AttachTarget withDevice(String dev) {
        return new AttachTarget(dev, xdpMode, direction, cgroup, tracepoint, rawTracepoint, uprobe);
    }

    public AttachTarget withXdpMode(XdpMode mode) {
        return new AttachTarget(device, mode, direction, cgroup, tracepoint, rawTracepoint, uprobe);
    }

    public AttachTarget withDirection(TcDirection d) {
        return new AttachTarget(device, xdpMode, d, cgroup, tracepoint, rawTracepoint, uprobe);
    }

    public AttachTarget withCgroup(String path) {
        return new AttachTarget(device, xdpMode, direction, path, tracepoint, rawTracepoint, uprobe);
    }

    public AttachTarget withTracepoint(String categoryAndName) {
        return new AttachTarget(device, xdpMode, direction, cgroup, categoryAndName, rawTracepoint, uprobe);
    }

    public AttachTarget withRawTracepoint(String name) {
        return new AttachTarget(device, xdpMode, direction, cgroup, tracepoint, name, uprobe);
    }

    public AttachTarget withUprobe(String binaryAndSymbol) {
        return new AttachTarget(device, xdpMode, direction, cgroup, tracepoint, rawTracepoint, binaryAndSymbol);
    }
}
