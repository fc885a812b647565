package io.bpfsh.engine.attach;

import io.bpfsh.engine.sys.BpfLink;
import java.util.List;

/**
 * A program attached through a link the caller now owns: closing the link (unless it is pinned)
 * detaches the program.
 *
 * @param where what it is attached to, in words ("veth0 (ifindex 3), generic mode")
 * @param notes what attaching changed besides ("mounted tracefs at /sys/kernel/tracing")
 */
public record Attachment(BpfLink link, String where, List<String> notes) {

    /** The link's type as bpftool names it ("xdp", "tcx", "perf_event", "raw_tracepoint", ...). */
    public String kind() {
        return link.info().typeName();
    }
}
