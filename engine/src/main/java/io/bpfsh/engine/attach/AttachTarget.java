package io.bpfsh.engine.attach;

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
