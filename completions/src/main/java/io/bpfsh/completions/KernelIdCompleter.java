package io.bpfsh.completions;

import io.bpfsh.engine.sys.BpfException;
import io.bpfsh.engine.sys.KernelObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jline.reader.Candidate;

/**
 * Completes {@code id:N} with the ids of live kernel maps and programs (only maps, or only programs,
 * where one kind is wanted).
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
        if (filter != BpffsPathCompleter.Filter.PROGS) {
            for (int id : ids(true)) {
                PinLabels.Label l = labels.ofMapId(id, matches(typed, id) ? budget : null);
                describe(descriptions, id, l);
            }
        }
        if (filter != BpffsPathCompleter.Filter.MAPS) {
            for (int id : ids(false)) {
                PinLabels.Label l = labels.ofProgId(id, matches(typed, id) ? budget : null);
                describe(descriptions, id, l);
            }
        }
        for (Map.Entry<Integer, List<String>> e : descriptions.entrySet()) {
            String value = PREFIX + e.getKey();
            out.add(Candidates.complete(value, value, e.getValue().isEmpty() ? null : String.join("; ", e.getValue())));
        }
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

    private static List<Integer> ids(boolean maps) {
        try {
            return maps ? KernelObjects.mapIds() : KernelObjects.progIds();
        } catch (BpfException | RuntimeException e) {
            return List.of(); // no permission to list ids: nothing to offer
        }
    }
}
