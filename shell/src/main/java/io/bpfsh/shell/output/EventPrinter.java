package io.bpfsh.shell.output;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.events.EventRecord;
import io.bpfsh.engine.events.RecordType;
import io.bpfsh.shell.data.DataFormat;
import java.io.PrintWriter;
import java.util.HexFormat;

/**
 * Prints records from a ring buffer or perf event array as {@code events} streams them, one a line
 * and flushed at once, so that a pipe sees each record when it arrives.
 *
 * <p>Text: the record by its type when one was given ({@code {seq=0, len=64}}), else raw as
 * {@code dump} shows values; records of a perf event array start with {@code cpu N: }; a loss is
 * {@code lost N records on cpu C}. JSON, one object a line: {@code {"cpu": 1, "data": "HEX",
 * "formatted": {...}}} ({@code cpu} only for perf arrays, {@code formatted} only with a type), and
 * {@code {"lost": N, "cpu": C}}.
 */
public final class EventPrinter {
    private final Output output;
    private final PrintWriter out;
    private final RecordType type;
    private final boolean json;

    /** @param type the records' type, or null to show them raw */
    public EventPrinter(Output output, RecordType type, boolean json) {
        this.output = output;
        this.out = output.text();
        this.type = type;
        this.json = json;
    }

    public void print(EventRecord record) throws EngineException {
        if (record instanceof EventRecord.Sample s) {
            sample(s);
        } else if (record instanceof EventRecord.Lost l) {
            lost(l);
        }
    }

    private void sample(EventRecord.Sample s) throws EngineException {
        if (json) {
            Object formatted = type == null ? null : type.json(s.data()); // before writing: an error leaves no half line
            JsonWriter w = output.json().beginObject();
            if (s.cpu() != EventRecord.ANY_CPU) {
                w.field("cpu", s.cpu());
            }
            w.field("data", HexFormat.of().formatHex(s.data()));
            if (formatted != null) {
                w.name("formatted").tree(formatted);
            }
            w.endObject().endDocument();
            return;
        }
        String shown = type == null ? DataFormat.text(s.data()) : type.text(s.data());
        out.println(s.cpu() == EventRecord.ANY_CPU ? shown : "cpu " + s.cpu() + ": " + shown);
        output.flush();
    }

    private void lost(EventRecord.Lost l) {
        if (json) {
            output.json().beginObject().field("lost", l.count()).field("cpu", l.cpu()).endObject().endDocument();
            return;
        }
        out.println("lost " + l.count() + (l.count() == 1 ? " record" : " records") + " on cpu " + l.cpu());
        output.flush();
    }
}
