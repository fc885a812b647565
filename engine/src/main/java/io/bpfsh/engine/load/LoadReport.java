package io.bpfsh.engine.load;

import java.util.List;

/** What a load created, reused, pinned, loaded and skipped, in order. */
public record LoadReport(List<LoadEvent> events) {
    public LoadReport {
        events = List.copyOf(events);
    }
}
