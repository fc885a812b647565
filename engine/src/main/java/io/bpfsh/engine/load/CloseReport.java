package io.bpfsh.engine.load;

import java.util.List;

/** What a close unpinned (absolute paths), and notes such as unpinning a map another loader made. */
public record CloseReport(List<String> unpinned, List<String> notes) {
    public CloseReport {
        unpinned = List.copyOf(unpinned);
        notes = List.copyOf(notes);
    }
}
