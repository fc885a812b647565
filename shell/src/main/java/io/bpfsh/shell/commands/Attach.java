package io.bpfsh.shell.commands;

import io.bpfsh.completions.ArgKind;
import io.bpfsh.completions.Completes;
import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.attach.AttachTarget;
import io.bpfsh.engine.attach.Attacher;
import io.bpfsh.engine.attach.Attachment;
import io.bpfsh.engine.attach.TcDirection;
import io.bpfsh.engine.attach.XdpMode;
import io.bpfsh.engine.fs.Bpffs;
import io.bpfsh.engine.fs.PinPath;
import io.bpfsh.engine.spec.ProgramSection;
import io.bpfsh.engine.sys.BpfLink;
import io.bpfsh.engine.sys.BpfProgram;
import io.bpfsh.engine.sys.PinAccess;
import io.bpfsh.shell.CommandException;
import io.bpfsh.shell.Handle;
import io.bpfsh.shell.Refs;
import io.bpfsh.shell.output.JsonWriter;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "attach",
        description = {"Attach a loaded program through a BPF link, and keep the link as a handle (@NAME).",
                "The target depends on the program's type: a network device for XDP (--dev, with --mode) and tc "
                        + "(--dev with --ingress or --egress; a tcx link), a cgroup v2 directory (--cgroup), a "
                        + "tracepoint (--tracepoint CATEGORY/NAME), a raw tracepoint (--raw-tracepoint NAME), a "
                        + "uprobe (--uprobe BINARY:SYMBOL). Nothing is needed where the section name holds the "
                        + "target (tracepoint/syscalls/sys_enter_getppid, raw_tp/sys_enter, fentry/FUNC, "
                        + "uprobe/BINARY:SYMBOL, tcx/ingress still needs --dev); TARGET without an option means the "
                        + "one the program's type takes.",
                "The link is the session's: it detaches when the session ends unless it is pinned (--pin PATH, "
                        + "or pin @NAME PATH later); detach removes it at once."},
        footer = {"  load samples/xdp_filter.o --as filter",
                "  attach filter:xdp --dev veth0 --mode generic  link handle @filter",
                "  attach filter:xdp veth0 --pin links/filter     stays after the session",
                "  load samples/tc_counter.o --as tc",
                "  attach tc:tc --dev veth0 --ingress",
                "  load samples/tracepoint_counter.o --as tp",
                "  attach tp:tracepoint/syscalls/sys_enter_getppid --as getppid",
                "  attach id:42 --tracepoint syscalls/sys_enter_openat"})
final class Attach extends ShellCommand {
    @Completes(ArgKind.PROG_REF)
    @Parameters(index = "0", paramLabel = "REF", description = "The program: MODULE:SECTION, @NAME, id:N (a program id) "
            + "or a pin path.")
    private String ref;

    @Completes(ArgKind.TEXT)
    @Parameters(index = "1", arity = "0..1", paramLabel = "TARGET",
            description = "The target without its option: a device, cgroup directory, tracepoint, raw tracepoint or "
                    + "uprobe, by the program's type.")
    private String target;

    @Completes(ArgKind.TEXT)
    @Option(names = "--as", paramLabel = "NAME", description = "The link handle's name (default: the program's name).")
    private String name;

    @Completes(ArgKind.PIN_PATH)
    @Option(names = "--pin", paramLabel = "PATH", description = "Pin the link there, so that it outlives the session.")
    private String pin;

    @Completes(ArgKind.NET_DEVICE)
    @Option(names = "--dev", paramLabel = "IFACE", description = "The network device (XDP, tc).")
    private String device;

    @Completes(ArgKind.TEXT)
    @Option(names = "--mode", paramLabel = "MODE", description = "XDP: native (in the driver) or generic (any device); "
            + "default: the kernel's choice.", completionCandidates = ModeNames.class)
    private String mode;

    @ArgGroup(exclusive = true)
    private Direction direction = new Direction();

    @Completes(ArgKind.HOST_DIRECTORY)
    @Option(names = "--cgroup", paramLabel = "PATH", description = "The cgroup v2 directory (cgroup programs).")
    private String cgroup;

    @Completes(ArgKind.TRACEPOINT)
    @Option(names = "--tracepoint", paramLabel = "CATEGORY/NAME", description = "The tracepoint (tracepoint programs).")
    private String tracepoint;

    @Completes(ArgKind.RAW_TRACEPOINT)
    @Option(names = "--raw-tracepoint", paramLabel = "NAME", description = "The raw tracepoint (raw_tp programs).")
    private String rawTracepoint;

    @Completes(ArgKind.TEXT)
    @Option(names = "--uprobe", paramLabel = "BINARY:SYMBOL", description = "The user-space function (uprobe "
            + "programs); SYMBOL may end in +OFFSET.")
    private String uprobe;

    /** --ingress or --egress (tc, cgroup_skb), or neither. */
    static final class Direction {
        @Completes(ArgKind.FLAG)
        @Option(names = "--ingress", description = "tc, cgroup_skb: packets coming in.")
        private boolean ingress;

        @Completes(ArgKind.FLAG)
        @Option(names = "--egress", description = "tc, cgroup_skb: packets going out.")
        private boolean egress;
    }

    /** The values --mode takes, for picocli's completion. */
    static final class ModeNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("native", "generic").iterator();
        }
    }

    @Override
    protected void execute() throws EngineException {
        PinPath pinAt = null;
        Bpffs fs = null;
        if (pin != null) {
            fs = session.mountedBpffs();
            pinAt = fs.resolve(pin); // a bad path fails before anything is attached
        }
        try (Refs.Resolved<BpfProgram> r = Refs.program(session, ref)) {
            BpfProgram prog = r.object();
            ProgramSection section = r.loadedProgram().flatMap(p -> p.spec().convention()).orElse(null);
            String handle = handleName(prog);
            Attachment a = Attacher.attach(prog, section, target(prog));
            if (a.link() == null) {
                printFilter(a);
                return;
            }
            BpfLink link = a.link();
            try {
                if (pinAt != null) {
                    fs.pinCreatingParents(link, pinAt);
                }
                session.addHandle(new Handle(handle, link, "attached to " + a.where(), PinAccess.READ_WRITE));
            } catch (EngineException | RuntimeException e) {
                link.close();
                throw e;
            }
            print(a, prog, handle, pinAt);
        }
    }

    private AttachTarget target(BpfProgram prog) throws EngineException {
        AttachTarget t = AttachTarget.none();
        if (target != null) {
            t = t.withPositional(prog.type(), target);
        }
        if (device != null) {
            t = t.withDevice(device);
        }
        if (mode != null) {
            t = t.withXdpMode(switch (mode) {
                case "native" -> XdpMode.NATIVE;
                case "generic" -> XdpMode.GENERIC;
                default -> throw new CommandException("attach " + ref + ": --mode " + mode
                        + ": expected native or generic");
            });
        }
        if (direction.ingress || direction.egress) {
            t = t.withDirection(direction.ingress ? TcDirection.INGRESS : TcDirection.EGRESS);
        }
        if (cgroup != null) {
            t = t.withCgroup(session.resolveFile(cgroup).toString());
        }
        if (tracepoint != null) {
            t = t.withTracepoint(tracepoint);
        }
        if (rawTracepoint != null) {
            t = t.withRawTracepoint(rawTracepoint);
        }
        if (uprobe != null) {
            t = t.withUprobe(uprobe);
        }
        return t;
    }

    /** --as NAME, else the program's name, numbered when a handle of that name is open. */
    private String handleName(BpfProgram prog) throws EngineException {
        if (name != null) {
            String n = name.startsWith("@") ? name.substring(1) : name;
            if (session.handles().containsKey(n)) {
                throw new CommandException("attach " + ref + ": handle @" + n + " is already open (on "
                        + session.handles().get(n).source() + "); release it or choose another name with --as NAME");
            }
            return n;
        }
        String base = prog.info().name().isEmpty() ? "link" : prog.info().name();
        String n = base;
        for (int i = 2; session.handles().containsKey(n); i++) {
            n = base + "-" + i;
        }
        return n;
    }

    private void print(Attachment a, BpfProgram prog, String handle, PinPath pinAt) {
        BpfLink link = a.link();
        if (json()) {
            JsonWriter w = jsonWriter().beginObject().field("link_id", link.id()).field("prog_id", prog.id())
                    .field("type", a.kind()).field("attached_to", a.where()).field("handle", handle)
                    .field("pinned", pinAt == null ? null : pinAt.toString()).name("notes").beginArray();
            for (String n : a.notes()) {
                w.value(n);
            }
            w.endArray().endObject().endDocument();
            return;
        }
        PrintWriter out = out();
        for (String n : a.notes()) {
            out.println(n);
        }
        out.println("link " + link.id() + " (" + a.kind() + "): program " + prog.info().name() + " (id " + prog.id()
                + ") attached to " + a.where());
        if (pinAt != null) {
            out.println("pinned at " + pinAt + ": it stays attached after the session, until detach " + pinAt);
        } else {
            out.println("handle @" + handle + "; the link detaches when the session ends unless pinned (pin @" + handle
                    + " PATH)");
        }
    }

    private void printFilter(Attachment a) {
        if (json()) {
            jsonWriter().beginObject().field("type", a.kind()).field("attached_to", a.where())
                    .field("prog_id", a.filter().progId()).endObject().endDocument();
            return;
        }
        for (String n : a.notes()) {
            out().println(n);
        }
        out().println("tc filter: program id " + a.filter().progId() + " attached to " + a.where()
                + "; it is not a link and stays until removed (tc filter del)");
    }
}
