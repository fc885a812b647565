package io.bpfsh.shell.commands;

import io.bpfsh.completions.ArgKind;
import io.bpfsh.completions.Completes;
import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.fs.PinIndex;
import io.bpfsh.engine.fs.PinPath;
import io.bpfsh.engine.sys.BpfException;
import io.bpfsh.engine.sys.BpfLink;
import io.bpfsh.engine.sys.Errno;
import io.bpfsh.engine.sys.KernelObjects;
import io.bpfsh.engine.sys.LinkInfo;
import io.bpfsh.engine.sys.ObjectKind;
import io.bpfsh.shell.Handle;
import io.bpfsh.shell.Refs;
import io.bpfsh.shell.output.JsonWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "detach",
        description = {"Detach a link now (BPF_LINK_DETACH): the program stops running there. Links that cannot be "
                + "detached while held (perf_event, raw_tracepoint) are released instead: they end when their last "
                + "FD or pin goes.",
                "LINK is a handle from attach or get (@NAME; it is released too), a link id (id:N) or a pinned "
                        + "link's path (the pin is removed too). Other pins of a detached link still hold it, "
                        + "attached to nothing; they are listed."},
        footer = {"  detach @filter", "  detach id:12", "  detach links/filter"})
final class Detach extends ShellCommand {
    @Completes(ArgKind.LINK_REF)
    @Parameters(index = "0", paramLabel = "LINK", description = "@NAME, id:N or a pin path.")
    private String ref;

    @Override
    protected void execute() throws EngineException {
        PinPath pin = null;
        if (!ref.startsWith("@") && !ref.startsWith("id:")) {
            pin = session.mountedBpffs().resolve(ref);
        }
        LinkInfo before;
        boolean detachedNow = true;
        try (Refs.Resolved<BpfLink> r = Refs.link(session, ref)) {
            BpfLink link = r.object();
            before = link.info();
            try {
                link.detach();
            } catch (BpfException e) {
                if (!e.is(Errno.EOPNOTSUPP)) {
                    throw e;
                }
                detachedNow = false; // perf-event and raw tracepoint links end when their last holder goes
            }
            if (pin != null) {
                session.bpffs().unpin(pin);
            }
        }
        // the session's own handles of the link go too: detach means the attachment ends
        List<String> released = new ArrayList<>();
        for (Handle h : List.copyOf(session.handles().values())) {
            if (h.object() instanceof BpfLink l && l.id() == before.id()) {
                session.removeHandle(h.name()).object().close();
                released.add("@" + h.name());
            }
        }
        List<Path> otherPins = PinIndex.scan(session.bpffs()).pinsOf(ObjectKind.LINK, before.id());
        boolean gone = detachedNow || !KernelObjects.linkIds().contains(before.id());
        if (json()) {
            JsonWriter w = jsonWriter().beginObject().field("link_id", before.id()).field("type", before.typeName())
                    .field("prog_id", before.progId()).field("was_attached_to", before.attachPoint())
                    .field("detached", gone)
                    .field("unpinned", pin == null ? null : pin.toString()).name("still_pinned_at").beginArray();
            for (Path p : otherPins) {
                w.value(p.toString());
            }
            w.endArray().endObject().endDocument();
            return;
        }
        out().println((gone ? "detached link " : "released link ") + before.id() + " (" + before.typeName()
                + ", program id " + before.progId() + ", " + (gone ? "was " : "") + before.attachPoint() + ")"
                + (pin == null ? "" : "; removed pin " + pin)
                + (released.isEmpty() || ref.startsWith("@") ? "" : "; released " + String.join(", ", released)));
        if (!gone) {
            out().println("note: a " + before.typeName() + " link cannot be detached while others hold it; it ends"
                    + " when the last FD or pin of it goes" + (otherPins.isEmpty() ? " (another process holds it)" : ""));
        }
        for (Path p : otherPins) {
            out().println("note: " + p + " still pins the link" + (gone ? ", attached to nothing now" : "") + " (unpin "
                    + p + ")");
        }
    }
}
