package io.bpfsh.shell.output;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.ValueSlots;
import io.bpfsh.shell.MapTypes;
import io.bpfsh.shell.data.DataFormat;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints map entries as {@code dump}, {@code lookup} and {@code update} show them.
 *
 * <p>Text: one entry a line, {@code key: K  value: V}, or {@code key: K  values: [V0, V1, ...]} with
 * one value per possible CPU for per-CPU maps. A side with a BTF type shows by it
 * ({@code value: {pkts=2, bytes=200}}, per CPU slot for per-CPU maps); a side without one shows raw
 * (an unsigned integer for 1, 2, 4 or 8 bytes, else {@code hex:BYTES}).
 *
 * <p>JSON: {@code {"key": K, "value": V}} or {@code {"key": K, "values": [...]}} in the raw form
 * always; a map with BTF types adds {@code "formatted": {"key": K, "value": V}} (or {@code "values"})
 * with the typed forms, as bpftool does. In "formatted" a side without a type (the key of global
 * data) keeps its raw form, so that "formatted" always holds a whole entry.
 */
public final class EntryPrinter {
    private final MapTypes types;
    private final int keySize;
    private final int valueSize;
    private final boolean perCpu;
    private final ValueSlots slots;
    private final int cpus;

    public EntryPrinter(BpfMap map, MapTypes types) {
        this.types = types;
        this.keySize = map.keySize();
        this.valueSize = map.valueSize();
        this.slots = map.valueSlots();
        this.perCpu = slots.perCpu();
        this.cpus = slots.count();
    }

    /** A key as {@code dump} shows it (typed or raw), for messages such as "deleted key 7". */
    public String keyText(byte[] key) throws EngineException {
        return types.keyText(key, 0, keySize);
    }

    /** One text line for an entry; {@code value} is the buffer lookup returned (all CPUs' slots). */
    public String text(byte[] key, byte[] value) throws EngineException {
        StringBuilder sb = new StringBuilder("key: ").append(types.keyText(key, 0, keySize));
        if (!perCpu) {
            return sb.append("  value: ").append(types.valueText(value, 0, valueSize)).toString();
        }
        sb.append("  values: [");
        for (int cpu = 0; cpu < cpus; cpu++) {
            if (cpu > 0) {
                sb.append(", ");
            }
            sb.append(types.valueText(value, slots.offset(cpu), valueSize));
        }
        return sb.append(']').toString();
    }

    public void print(PrintWriter out, byte[] key, byte[] value) throws EngineException {
        out.println(text(key, value));
    }

    /**
     * The entry as one JSON object, written into a document being built. The typed forms are worked
     * out before anything is written, so that an error leaves the document between entries.
     */
    public void json(JsonWriter w, byte[] key, byte[] value) throws EngineException {
        Object typedKey = types.hasKeyType() ? types.keyJson(key, 0, keySize) : null;
        List<Object> typedValues = new ArrayList<>();
        if (types.typed()) {
            for (int cpu = 0; cpu < cpus; cpu++) {
                typedValues.add(types.valueJson(value, perCpu ? slots.offset(cpu) : 0, valueSize));
            }
        }
        w.beginObject().name("key");
        DataFormat.json(w, key, 0, keySize);
        if (!perCpu) {
            w.name("value");
            DataFormat.json(w, value, 0, valueSize);
        } else {
            w.name("values").beginArray();
            for (int cpu = 0; cpu < cpus; cpu++) {
                DataFormat.json(w, value, slots.offset(cpu), valueSize);
            }
            w.endArray();
        }
        if (types.typed()) {
            w.name("formatted").beginObject();
            formattedKey(w, key, typedKey);
            if (!perCpu) {
                w.name("value").tree(typedValues.get(0));
            } else {
                w.name("values").tree(typedValues);
            }
            w.endObject();
        }
        w.endObject();
    }

    /** A key alone, as {@code delete} reports it: the raw form, then "formatted" for typed maps. */
    public void jsonKey(JsonWriter w, String name, byte[] key) throws EngineException {
        Object typedKey = types.hasKeyType() ? types.keyJson(key, 0, keySize) : null;
        w.name(name);
        DataFormat.json(w, key, 0, keySize);
        if (types.typed()) {
            w.name("formatted").beginObject();
            formattedKey(w, key, typedKey);
            w.endObject();
        }
    }

    private void formattedKey(JsonWriter w, byte[] key, Object typedKey) {
        w.name("key");
        if (types.hasKeyType()) {
            w.tree(typedKey);
        } else {
            DataFormat.json(w, key, 0, keySize);
        }
    }
}
