package io.bpfsh.engine.attach;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.fs.Tracefs;
import io.bpfsh.engine.load.KernelVersion;
import io.bpfsh.engine.spec.ProgramSection;
import io.bpfsh.engine.sys.AttachType;
import io.bpfsh.engine.sys.BpfException;
import io.bpfsh.engine.sys.BpfLink;
import io.bpfsh.engine.sys.BpfProgram;
import io.bpfsh.engine.sys.Errno;
import io.bpfsh.engine.sys.NetDevices;
import io.bpfsh.engine.sys.PerfEvent;
import io.bpfsh.engine.sys.ProgType;
import java.util.ArrayList;
import java.util.List;

/**
 * Attaches a loaded program through a link, choosing the kind of attachment by the program's type and,
 * where known, its section name ({@link io.bpfsh.engine.spec.ProgramSections}), as libbpf's
 * {@code bpf_program__attach} does; the target comes from the caller or from the section name.
 */
public final class Attacher {
    /** tcx links came with Linux 6.6. */
    static final int TCX_KERNEL = KernelVersion.code("6.6");

    private Attacher() {
    }

    /**
     * @param section what the program's section name says; null for a program opened by id or from a pin
     */
    public static Attachment attach(BpfProgram prog, ProgramSection section, AttachTarget target)
            throws EngineException {
        ProgType type = prog.type();
        String what = prog.describe();
        if (type == null) {
            throw new EngineException(what + ": program type " + prog.info().type() + " is newer than bpfsh");
        }
        switch (type) {
            case XDP:
                return xdp(prog, section, target);
            case SCHED_CLS:
                return tcx(prog, section, target);
            case TRACEPOINT:
                return tracepoint(prog, section, target);
            case RAW_TRACEPOINT:
            case RAW_TRACEPOINT_WRITABLE:
                return rawTracepoint(prog, section, target);
            case TRACING:
            case LSM:
                return tracing(prog, section);
            case KPROBE:
                return Probes.attach(prog, section, target);
            case CGROUP_SKB:
            case CGROUP_SOCK:
            case CGROUP_SOCK_ADDR:
            case CGROUP_SOCKOPT:
            case CGROUP_SYSCTL:
            case CGROUP_DEVICE:
            case SOCK_OPS:
                return cgroup(prog, section, target);
            case SCHED_ACT:
                throw new EngineException(what + ": tc actions run from a tc filter's action list; bpfsh attaches"
                        + " tc programs as filters (sched_cls)");
            case SOCKET_FILTER:
                throw new EngineException(what + ": a socket filter attaches to a socket (SO_ATTACH_BPF) in the"
                        + " process that owns it; bpfsh cannot attach it");
            default:
                throw new EngineException(what + ": bpfsh cannot attach " + type.displayName() + " programs");
        }
    }

    private static Attachment xdp(BpfProgram prog, ProgramSection section, AttachTarget t) throws EngineException {
        AttachType expected = section == null ? null : section.attachType();
        if (expected == AttachType.XDP_DEVMAP || expected == AttachType.XDP_CPUMAP) {
            throw new EngineException(prog.describe() + ": this XDP program runs from a "
                    + (expected == AttachType.XDP_DEVMAP ? "devmap" : "cpumap") + " entry, not on a device");
        }
        String dev = require(prog, t.device(), "a network device to attach the XDP program to (--dev IFACE)");
        int ifindex = NetDevices.indexOf(dev);
        String where = dev + " (ifindex " + ifindex + ")"
                + (t.xdpMode() == XdpMode.DEFAULT ? "" : ", " + t.xdpMode().displayName() + " mode");
        BpfLink link = link(() -> BpfLink.create(prog, ifindex, AttachType.XDP, t.xdpMode().flags(),
                "xdp " + prog.describe() + " on " + dev), "XDP links (kernel 5.9)");
        return new Attachment(link, where, List.of());
    }

    private static Attachment tcx(BpfProgram prog, ProgramSection section, AttachTarget t) throws EngineException {
        String dev = require(prog, t.device(), "a network device to attach the tc program to (--dev IFACE)");
        TcDirection dir = t.direction() != null ? t.direction()
                : section == null ? null : TcDirection.of(section.attachType());
        if (dir == null) {
            throw new EngineException(prog.describe() + ": give the direction on " + dev + " (--ingress or --egress)");
        }
        int ifindex = NetDevices.indexOf(dev);
        BpfLink link;
        try {
            link = BpfLink.create(prog, ifindex, dir.tcx(), 0, "tcx " + dir.displayName() + " " + prog.describe()
                    + " on " + dev);
        } catch (BpfException e) {
            if (!e.is(Errno.EINVAL) || KernelVersion.current() >= TCX_KERNEL) {
                throw e;
            }
            // a kernel before 6.6: the classic clsact qdisc and cls_bpf filter, as tc and libbpf do
            TcFilter f = ClassicTc.attach(prog, dev, dir);
            return new Attachment(null, f, f.where(), List.of("this kernel has no tcx links (6.6+): attached as a"
                    + " classic tc filter, which stays until detached"));
        }
        return new Attachment(link, dev + " (ifindex " + ifindex + ") " + dir.displayName(), List.of());
    }

    private static Attachment cgroup(BpfProgram prog, ProgramSection section, AttachTarget t) throws EngineException {
        String path = require(prog, t.cgroup(), "a cgroup v2 directory to attach to (--cgroup PATH)");
        AttachType type = section == null ? null : section.attachType();
        if (t.direction() != null && prog.type() == ProgType.CGROUP_SKB) {
            type = t.direction().cgroupSkb();
        }
        if (type == null || !type.isCgroup() && type != AttachType.CGROUP_SOCK_OPS) {
            throw new EngineException(prog.describe() + ": the attach type is unknown"
                    + (prog.type() == ProgType.CGROUP_SKB ? " (give --ingress or --egress)"
                    : " (the section name says none; load it from a section such as cgroup/connect4)"));
        }
        AttachType chosen = type;
        BpfLink link = link(() -> BpfLink.createForCgroup(prog, path, chosen, "cgroup " + chosen.displayName() + " "
                + prog.describe() + " on " + path), "cgroup links (kernel 5.7)");
        return new Attachment(link, path + " " + chosen.displayName(), List.of());
    }

    private static Attachment tracepoint(BpfProgram prog, ProgramSection section, AttachTarget t) throws EngineException {
        String name = t.tracepoint() != null ? t.tracepoint() : section == null ? "" : section.target();
        name = require(prog, name.isEmpty() ? null : name, "a tracepoint to attach to (--tracepoint CATEGORY/NAME)");
        List<String> notes = new ArrayList<>();
        Tracefs tracefs = Tracefs.locateOrMount();
        if (tracefs.note() != null) {
            notes.add(tracefs.note());
        }
        int id = Tracepoints.id(tracefs, name);
        String subject = "tracepoint " + name + " for " + prog.describe();
        return new Attachment(perfLink(prog, PerfEvent.openTracepoint(id, subject), subject),
                "tracepoint " + name + " (id " + id + ")", notes);
    }

    /** LINK_CREATE on a perf event; the link holds the event, so our FD of it is closed either way. */
    static BpfLink perfLink(BpfProgram prog, PerfEvent event, String subject) throws EngineException {
        try (event) {
            return link(() -> BpfLink.create(prog, event.fd().get(), AttachType.PERF_EVENT, 0, subject),
                    "perf event links (kernel 5.15)");
        }
    }

    private static Attachment rawTracepoint(BpfProgram prog, ProgramSection section, AttachTarget t)
            throws EngineException {
        String name = t.rawTracepoint() != null ? t.rawTracepoint() : section == null ? "" : section.target();
        name = require(prog, name.isEmpty() ? null : name, "a raw tracepoint to attach to (--raw-tracepoint NAME)");
        String chosen = name;
        BpfLink link = link(() -> BpfLink.rawTracepointOpen(prog, chosen, "raw tracepoint " + chosen + " for "
                + prog.describe()), "raw tracepoints (kernel 4.17)");
        return new Attachment(link, "raw tracepoint " + name, List.of());
    }

    /**
     * fentry, fexit, fmod_ret, tp_btf and lsm programs attach where their attach_btf_id says: through
     * LINK_CREATE with the section's attach type, or, on a kernel that refuses that (before 5.11 for
     * some) or for a program whose section is unknown, through RAW_TRACEPOINT_OPEN without a name (the
     * kernel takes target and attach type from the program), as libbpf does. Iterators through LINK_CREATE.
     */
    private static Attachment tracing(BpfProgram prog, ProgramSection section) throws EngineException {
        String target = section == null ? "btf id " + prog.info().btfId() : section.pattern().replace("+", "") + "/"
                + section.target();
        AttachType type = section == null ? null : section.attachType();
        if (type == AttachType.TRACE_ITER) {
            BpfLink link = link(() -> BpfLink.create(prog, 0, AttachType.TRACE_ITER, 0, "iter " + prog.describe()),
                    "iterator links (kernel 5.8)");
            return new Attachment(link, target, List.of());
        }
        String subject = target + " for " + prog.describe();
        if (type != null) {
            try {
                return new Attachment(BpfLink.create(prog, 0, type, 0, subject), target, List.of());
            } catch (BpfException e) {
                if (!e.is(Errno.EINVAL)) {
                    throw e;
                }
            }
        }
        BpfLink link = link(() -> BpfLink.rawTracepointOpen(prog, null, subject), "BTF-typed tracing (kernel 5.5)");
        return new Attachment(link, target, List.of());
    }

    private static String require(BpfProgram prog, String given, String what) throws EngineException {
        if (given == null || given.isEmpty()) {
            throw new EngineException(prog.describe() + ": needs " + what);
        }
        return given;
    }

    interface LinkCall {
        BpfLink call() throws BpfException;
    }

    /** Runs the attach call; an EINVAL from a kernel without the link type says which kernel has it. */
    static BpfLink link(LinkCall call, String needs) throws EngineException {
        try {
            return call.call();
        } catch (BpfException e) {
            if (e.is(Errno.EINVAL) || e.is(Errno.EOPNOTSUPP)) {
                throw new EngineException(e.getMessage() + " (the kernel refused the attachment; " + needs
                        + " and a program of the right type and attach type are needed)", e);
            }
            throw e;
        }
    }
}
