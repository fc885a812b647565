package io.bpfsh.completions;

import io.bpfsh.engine.sys.BpfException;
import io.bpfsh.engine.sys.KernelObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jline.reader.Candidate;

/**
 * Completes {@code id:N} with the ids of live kernel maps and programs, or only those of the kind wanted
 * (maps, programs, links).
 * Each id is described by its kind, type and name ("map hash counters"), found by opening it by id
 * within the completion's budget; ids past the budget are offered without a description. A number
 * that is both a map id and a program id is one candidate that names both.
 */
final class KernelIdCompleter {
    static final String PREFIX = "id:";

    private final PinLabels labels;

    KernelIdCompleter(PinLabels labels) {
        this.labels = labels;
    }

    void complete(String typed, BpffsPathCompleter.Filter filter, PinLabels.Budget budget, List<Candidate> out) {
        Map<Integer, List<String>> descriptions = new TreeMap<>();
        if (filter == BpffsPathCompleter.Filter.ANY || filter == BpffsPathCompleter.Filter.MAPS) {
            for (int id : ids(KernelObjects::mapIds)) {
                describe(descriptions, id, labels.ofMapId(id, matches(typed, id) ? budget : null));
            }
        }
        if (filter == BpffsPathCompleter.Filter.ANY || filter == BpffsPathCompleter.Filter.PROGS) {
            for (int id : ids(KernelObjects::progIds)) {
                describe(descriptions, id, labels.ofProgId(id, matches(typed, id) ? budget : null));
            }
        }
        if (filter == BpffsPathCompleter.Filter.LINKS) {
            for (int id : ids(KernelObjects::linkIds)) {
                describe(descriptions, id, labels.ofLinkId(id, matches(typed, id) ? budget : null));
            }
        }
        for (Map.Entry<Integer, List<String>> e : descriptions.entrySet()) {
            String value = PREFIX + e.getKey();
            out.add(Candidates.numbered(value, e.getKey(), e.getValue().isEmpty() ? null : String.join("; ", e.getValue())));
        }
    }

    /** What {@code id:} stands for where this filter applies, as the candidate's description. */
    static String what(BpffsPathCompleter.Filter filter) {
        return switch (filter) {
            case MAPS -> "a live map by id";
            case PROGS -> "a live program by id";
            case LINKS -> "a live link by id";
            case ANY -> "a live map or program by id";
        };
    }

    private static boolean matches(String typed, int id) {
        return (PREFIX + id).startsWith(typed);
    }

    private static void describe(Map<Integer, List<String>> descriptions, int id, PinLabels.Label label) {
        List<String> d = descriptions.computeIfAbsent(id, k -> new ArrayList<>(1));
        if (label != null) {
            d.add(label.text());
        }
    }

    private interface IdList {
        List<Integer> ids() throws BpfException;
    }

    private static List<Integer> ids(IdList list) {
        try {
            return list.ids();
        } catch (BpfException | RuntimeException e) {
            return List.of(); // no permission to list ids: nothing to offer
        }
    }
}
