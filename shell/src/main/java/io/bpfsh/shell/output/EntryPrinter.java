package io.bpfsh.shell.output;

import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.PossibleCpus;
import io.bpfsh.shell.data.DataFormat;
import java.io.PrintWriter;

/**
 * Prints map entries as {@code dump} and {@code lookup} show them. Text: one entry a line,
 * {@code key: K  value: V}, or {@code key: K  values: [V0, V1, ...]} with one value per possible CPU
 * for per-CPU maps. JSON: {@code {"key": K, "value": V}} or {@code {"key": K, "values": [...]}}.
 */
public final class EntryPrinter {
    private final int keySize;
    private final int valueSize;
    private final boolean perCpu;
    private final int slot;
    private final int cpus;

    public EntryPrinter(BpfMap map) {
        this.keySize = map.keySize();
        this.valueSize = map.valueSize();
        this.perCpu = map.isPerCpu();
        this.slot = map.perCpuSlotSize();
        this.cpus = perCpu ? PossibleCpus.count() : 1;
    }

    /** One text line for an entry; {@code value} is the buffer lookup returned (all CPUs' slots). */
    public String text(byte[] key, byte[] value) {
        StringBuilder sb = new StringBuilder("key: ").append(DataFormat.text(key, 0, keySize));
        if (!perCpu) {
            return sb.append("  value: ").append(DataFormat.text(value, 0, valueSize)).toString();
        }
        sb.append("  values: [");
        for (int cpu = 0; cpu < cpus; cpu++) {
            if (cpu > 0) {
                sb.append(", ");
            }
            sb.append(DataFormat.text(value, cpu * slot, valueSize));
        }
        return sb.append(']').toString();
    }

    public void print(PrintWriter out, byte[] key, byte[] value) {
        out.println(text(key, value));
    }

    /** The entry as one JSON object, written into a document being built. */
    public void json(JsonWriter w, byte[] key, byte[] value) {
        w.beginObject().name("key");
        DataFormat.json(w, key, 0, keySize);
        if (!perCpu) {
            w.name("value");
            DataFormat.json(w, value, 0, valueSize);
        } else {
            w.name("values").beginArray();
            for (int cpu = 0; cpu < cpus; cpu++) {
                DataFormat.json(w, value, cpu * slot, valueSize);
            }
            w.endArray();
        }
        w.endObject();
    }
}
