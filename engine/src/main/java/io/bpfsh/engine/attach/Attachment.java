package io.bpfsh.engine.attach;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.sys.BpfLink;
import java.util.List;

/**
 * An attached program: through a link the caller now owns (closing it, unless it is pinned, detaches
 * the program), or, on kernels without tcx, through a classic tc filter (no FD; it stays until
 * detached). Exactly one of {@code link} and {@code filter} is set.
 *
 * @param where what it is attached to, in words ("veth0 (ifindex 3), generic mode")
 * @param notes what attaching changed besides ("mounted tracefs at /sys/kernel/tracing")
 */
public record Attachment(BpfLink link, TcFilter filter, String where, List<String> notes) {

    public Attachment(BpfLink link, String where, List<String> notes) {
        this(link, null, where, notes);
    }

    /** The link's type as bpftool names it ("xdp", "tcx", "perf_event", ...), or "tc" for a classic filter. */
    public String kind() {
        return link != null ? link.info().typeName() : "tc";
    }

    /** Ends the attachment: closes the link (a pinned one stays attached) or deletes the filter. */
    public void release() throws EngineException {
        if (link != null) {
            link.close();
        } else {
            filter.detach();
        }
    }
}
