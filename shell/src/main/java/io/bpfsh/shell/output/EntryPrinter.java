package io.bpfsh.shell.output;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.ValueSlots;
import io.bpfsh.shell.MapTypes;
import io.bpfsh.shell.data.DataFormat;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
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
 *
 * <p>Entries are read from a buffer at an offset, so that a dump formats a whole batch as the
 * kernel returned it (keys back to back, values back to back) without an array per entry, and raw
 * sides go straight into the output buffer. Typed forms are worked out before anything of the
 * entry is written, so that an error leaves the output between entries.
 */
public final class EntryPrinter {
    private static final byte[] KEY = ascii("key: ");
    private static final byte[] VALUE = ascii("  value: ");
    private static final byte[] VALUES = ascii("  values: [");
    private static final byte[] COMMA = ascii(", ");
    private static final JsonWriter.Name KEY_NAME = JsonWriter.nameOf("key");
    private static final JsonWriter.Name VALUE_NAME = JsonWriter.nameOf("value");
    private static final JsonWriter.Name VALUES_NAME = JsonWriter.nameOf("values");
    private static final JsonWriter.Name FORMATTED_NAME = JsonWriter.nameOf("formatted");

    private final MapTypes types;
    private final int keySize;
    private final int valueSize;
    private final boolean perCpu;
    private final ValueSlots slots;
    private final int cpus;
    /** for the typed values of one entry, one per CPU: reused */
    private final List<Object> typedValues = new ArrayList<>();
    private final String[] valueTexts;
    private final boolean sumCpus;

    public EntryPrinter(BpfMap map, MapTypes types) {
        this(map, types, false);
    }

    /**
     * @param sumCpus per-CPU maps show one value, the sum over the CPUs (leaf by leaf for typed values;
     *                untyped values must be integers of 1, 2, 4 or 8 bytes: see {@link #canSum})
     */
    public EntryPrinter(BpfMap map, MapTypes types, boolean sumCpus) {
        this.sumCpus = sumCpus && map.isPerCpu();
        this.types = types;
        this.keySize = map.keySize();
        this.valueSize = map.valueSize();
        this.slots = map.valueSlots();
        this.perCpu = slots.perCpu();
        this.cpus = slots.count();
        this.valueTexts = new String[cpus];
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** A key as {@code dump} shows it (typed or raw), for messages such as "deleted key 7". */
    public String keyText(byte[] key) throws EngineException {
        return types.keyText(key, 0, keySize);
    }

    /** One text line for an entry, without the line break; {@code value} is what lookup returned. */
    public String text(byte[] key, byte[] value) throws EngineException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ByteOutput line = new ByteOutput(b, 256);
        text(line, key, 0, value, 0);
        line.flush();
        String s = b.toString(StandardCharsets.UTF_8);
        return s.substring(0, s.length() - 1);
    }

    public void print(PrintWriter out, byte[] key, byte[] value) throws EngineException {
        out.println(text(key, value));
    }

    /**
     * A value alone, as push, pop and peek show it and run --show-maps shows what a run changed: typed
     * or raw, as dump shows values; per-CPU maps as {@code [cpu0, cpu1, ...]}.
     */
    public String valueText(byte[] value) throws EngineException {
        if (!perCpu) {
            return types.valueText(value, 0, valueSize);
        }
        StringBuilder sb = new StringBuilder("[");
        for (int cpu = 0; cpu < cpus; cpu++) {
            sb.append(cpu > 0 ? ", " : "").append(types.valueText(value, slots.offset(cpu), valueSize));
        }
        return sb.append(']').toString();
    }

    /**
     * A value alone as JSON fields of an open object: the raw form under {@code name}, then for typed
     * maps {@code "formatted": {name: typed}}, as entries carry them.
     */
    public JsonWriter jsonValue(JsonWriter w, String name, byte[] value) throws EngineException {
        Object typed = types.typed() ? types.valueJson(value, 0, valueSize) : null;
        w.name(name);
        DataFormat.json(w, value, 0, valueSize);
        if (types.typed()) {
            w.name("formatted").beginObject().name(name).tree(typed).endObject();
        }
        return w;
    }

    /**
     * One entry as a text line, line break included: the key at {@code keyAt} in {@code keys}, the
     * value buffer (all CPUs' slots for per-CPU maps) at {@code valueAt} in {@code values}.
     */
    public void text(ByteOutput out, byte[] keys, int keyAt, byte[] values, int valueAt) throws EngineException {
        String keyText = types.hasKeyType() ? types.keyText(keys, keyAt, keySize) : null;
        if (sumCpus) {
            String total = ValueDelta.plain(sum(values, valueAt));
            out.ascii("key: ");
            if (keyText != null) {
                out.utf8(keyText);
            } else {
                DataFormat.text(out, keys, keyAt, keySize);
            }
            out.ascii("  value: ").utf8(total);
            out.put('\n');
            return;
        }
        if (types.typed()) {
            for (int cpu = 0; cpu < cpus; cpu++) {
                valueTexts[cpu] = types.valueText(values, valueAt + slots.offset(cpu), valueSize);
            }
        }
        out.put(KEY);
        if (keyText != null) {
            out.utf8(TerminalText.escapeLine(keyText)); // straight into the buffer: escaped here
        } else {
            DataFormat.text(out, keys, keyAt, keySize);
        }
        out.put(perCpu ? VALUES : VALUE);
        for (int cpu = 0; cpu < cpus; cpu++) {
            if (cpu > 0) {
                out.put(COMMA);
            }
            if (types.typed()) {
                out.utf8(TerminalText.escapeLine(valueTexts[cpu]));
            } else {
                DataFormat.text(out, values, valueAt + slots.offset(cpu), valueSize);
            }
        }
        if (perCpu) {
            out.put(']');
        }
        out.put('\n');
    }

    /** The entry as one JSON object, written into a document being built. */
    public void json(JsonWriter w, byte[] key, byte[] value) throws EngineException {
        json(w, key, 0, value, 0);
    }

    /** {@link #json(JsonWriter, byte[], byte[])} for an entry inside batch buffers (see {@link #text}). */
    public void json(JsonWriter w, byte[] keys, int keyAt, byte[] values, int valueAt) throws EngineException {
        Object typedKey = types.hasKeyType() ? types.keyJson(keys, keyAt, keySize) : null;
        if (sumCpus) {
            Object total = sum(values, valueAt);
            w.beginObject().name("key");
            DataFormat.json(w, keys, keyAt, keySize);
            if (!types.typed()) {
                w.name("value").tree(total);
            } else {
                w.name("formatted").beginObject();
                formattedKey(w, keys, keyAt, typedKey);
                w.name("value").tree(total).endObject();
            }
            w.endObject();
            return;
        }
        typedValues.clear();
        if (types.typed()) {
            for (int cpu = 0; cpu < cpus; cpu++) {
                typedValues.add(types.valueJson(values, valueAt + slots.offset(cpu), valueSize));
            }
        }
        w.beginObject().name(KEY_NAME);
        DataFormat.json(w, keys, keyAt, keySize);
        if (!perCpu) {
            w.name(VALUE_NAME);
            DataFormat.json(w, values, valueAt, valueSize);
        } else {
            w.name(VALUES_NAME).beginArray();
            for (int cpu = 0; cpu < cpus; cpu++) {
                DataFormat.json(w, values, valueAt + slots.offset(cpu), valueSize);
            }
            w.endArray();
        }
        if (types.typed()) {
            w.name(FORMATTED_NAME).beginObject();
            formattedKey(w, keys, keyAt, typedKey);
            if (!perCpu) {
                w.name(VALUE_NAME).tree(typedValues.get(0));
            } else {
                w.name(VALUES_NAME).tree(typedValues);
            }
            w.endObject();
        }
        w.endObject();
    }

    /**
     * A key alone, as {@code delete} reports it: an entry without its value, {@code {"key": K}}, with
     * "formatted" for typed maps, so that "deleted" has the shape of "updated".
     */
    public void jsonKey(JsonWriter w, byte[] key) throws EngineException {
        Object typedKey = types.hasKeyType() ? types.keyJson(key, 0, keySize) : null;
        w.beginObject().name("key");
        DataFormat.json(w, key, 0, keySize);
        if (types.typed()) {
            w.name(FORMATTED_NAME).beginObject();
            formattedKey(w, key, 0, typedKey);
            w.endObject();
        }
        w.endObject();
    }

    /** The per-CPU values of one entry summed: typed trees leaf by leaf, raw integers as numbers. */
    private Object sum(byte[] values, int valueAt) throws EngineException {
        List<Object> each = new ArrayList<>(cpus);
        for (int cpu = 0; cpu < cpus; cpu++) {
            int at = valueAt + slots.offset(cpu);
            each.add(types.typed() ? types.valueJson(values, at, valueSize)
                    : new BigInteger(DataFormat.text(values, at, valueSize)));
        }
        return ValueDelta.sum(each);
    }

    /** Whether --sum-cpus can add this map's values: typed ones, or integers of 1, 2, 4 or 8 bytes. */
    public static boolean canSum(BpfMap map, MapTypes types) {
        return types.typed() || DataFormat.isInteger(map.valueSize());
    }

    private void formattedKey(JsonWriter w, byte[] keys, int keyAt, Object typedKey) {
        w.name(KEY_NAME);
        if (types.hasKeyType()) {
            w.tree(typedKey);
        } else {
            DataFormat.json(w, keys, keyAt, keySize);
        }
    }
}
