package io.bpfsh.completions;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jline.reader.Candidate;

/**
 * Completes an object reference (REF), by what is typed so far:
 * <ul>
 * <li>{@code @...}: the session's handles, {@code @NAME};</li>
 * <li>{@code id:...}: live kernel ids ({@link KernelIdCompleter});</li>
 * <li>{@code MODULE:...}, for a loaded MODULE: its maps by name and its program sections;</li>
 * <li>with a '/' (or a ':' that does not follow a loaded module's name): a pin path;</li>
 * <li>otherwise everything a REF can start with: {@code MODULE:} for each module, {@code @NAME} for
 * each handle, {@code id:}, and the entries of the bpffs root.</li>
 * </ul>
 * Where a map (or a program, or a link) is wanted, the other kinds are left out: a module's program
 * sections where a map is wanted, its maps where a program is, non-matching pins and ids; only links
 * (handles, ids, pins) where a link is.
 * A module named "id" is reached by its maps' pin paths only: {@code id:} always means kernel ids.
 */
final class RefCompleter {
    private final SessionView view;
    private final KernelIdCompleter ids;
    private final BpffsPathCompleter paths;

    RefCompleter(SessionView view, KernelIdCompleter ids, BpffsPathCompleter paths) {
        this.view = view;
        this.ids = ids;
        this.paths = paths;
    }

    void complete(String typed, BpffsPathCompleter.Filter filter, PinLabels.Budget budget, List<Candidate> out) {
        boolean links = filter == BpffsPathCompleter.Filter.LINKS;
        if (typed.startsWith("@")) {
            handles(out);
            return;
        }
        if (typed.startsWith(KernelIdCompleter.PREFIX)) {
            ids.complete(typed, filter, budget, out);
            return;
        }
        int colon = typed.indexOf(':');
        int slash = typed.indexOf('/');
        if (!links && colon > 0 && (slash < 0 || colon < slash)) {
            String module = typed.substring(0, colon);
            if (view.moduleNames().contains(module)) {
                moduleObjects(module, filter, out);
                return;
            }
        }
        if (colon < 0 && slash < 0) {
            if (!links) {
                for (String m : view.moduleNames()) {
                    out.add(Candidates.partial(m + ":", m + ":", "module"));
                }
            }
            handles(out);
            out.add(Candidates.partial(KernelIdCompleter.PREFIX, KernelIdCompleter.PREFIX, KernelIdCompleter.what(filter)));
        }
        paths.complete("", typed, filter, budget, out);
    }

    private void handles(List<Candidate> out) {
        for (String h : view.handleNames()) {
            out.add(Candidates.complete("@" + h, "@" + h, "handle"));
        }
    }

    private void moduleObjects(String module, BpffsPathCompleter.Filter filter, List<Candidate> out) {
        Set<String> seen = new LinkedHashSet<>();
        if (filter != BpffsPathCompleter.Filter.PROGS) {
            for (String map : view.mapNames(module)) {
                if (seen.add(map)) {
                    out.add(Candidates.complete(module + ":" + map, map, "map"));
                }
            }
        }
        if (filter != BpffsPathCompleter.Filter.MAPS) {
            for (String section : view.programSections(module)) {
                if (seen.add(section)) {
                    out.add(Candidates.complete(module + ":" + section, section, "prog"));
                }
            }
        }
    }
}
