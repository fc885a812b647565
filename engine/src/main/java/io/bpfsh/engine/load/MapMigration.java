package io.bpfsh.engine.load;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.btf.BtfLayout;
import io.bpfsh.engine.btf.BtfLayoutConversion;
import io.bpfsh.engine.spec.MapSpec;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.MapCursor;
import io.bpfsh.engine.sys.UpdateMode;
import io.bpfsh.engine.sys.ValueSlots;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Copies every entry of one map into another whose key or value layout may differ: members are matched
 * by BTF name (or a rename), integers change width where the value fits, new members start as zero, and
 * members the new map lacks are dropped ({@link BtfLayoutConversion}). Per-CPU values are converted CPU
 * by CPU. Without BTF on both sides, a side needs equal sizes and is copied as bytes.
 *
 * <p>All or nothing towards the new map: every entry is read and converted first, so a member that
 * changed kind, a value that does not fit, too many entries or two old keys that become one are refused
 * before anything is written. Then the entries are written with batch updates. Entries the old map's
 * programs write after the read are not copied: stop its writers first for an exact copy.
 */
public final class MapMigration {
    /** Entries written per batch update. */
    static final int BATCH = 4096;

    /** What a migration did (or would do: the members are known before the copy). */
    public record Report(long entries, List<String> dropped, List<String> zeroFilled, List<String> narrowed) {
        public Report {
            dropped = List.copyOf(dropped);
            zeroFilled = List.copyOf(zeroFilled);
            narrowed = List.copyOf(narrowed);
        }

        /** "100000 entries copied; dropped: x; zero-filled: drops" */
        @Override
        public String toString() {
            return entries + (entries == 1 ? " entry" : " entries") + " copied" + (memberText().isEmpty() ? "" : "; ")
                    + memberText();
        }

        /** "dropped: x; zero-filled: drops", or "by member names, every member kept" */
        public String memberText() {
            String s = (dropped.isEmpty() ? "" : "; dropped: " + String.join(", ", dropped))
                    + (zeroFilled.isEmpty() ? "" : "; zero-filled: " + String.join(", ", zeroFilled))
                    + (narrowed.isEmpty() ? "" : "; narrowed (each value checked): " + String.join(", ", narrowed));
            return s.isEmpty() ? "" : s.substring(2);
        }
    }

    private final BpfMap from;
    private final BpfMap to;
    private final BtfLayoutConversion key;
    private final BtfLayoutConversion value;

    private MapMigration(BpfMap from, BpfMap to, BtfLayoutConversion key, BtfLayoutConversion value) {
        this.from = from;
        this.to = to;
        this.key = key;
        this.value = value;
    }

    /** Between two live maps, each with its types from the kernel (its btf_id). */
    public static MapMigration between(BpfMap from, BpfMap to, Map<String, String> renames) throws EngineException {
        return between(from, MapBtf.fromKernel(from), to, MapBtf.fromKernel(to), renames);
    }

    /**
     * Checks that every entry of {@code from} can go into {@code to} (kinds, sizes, per-CPU), before
     * reading any.
     *
     * @param renames old member name to new member name (key and value members alike)
     */
    public static MapMigration between(BpfMap from, Optional<MapBtf> fromTypes, BpfMap to, Optional<MapBtf> toTypes,
            Map<String, String> renames) throws EngineException {
        String what = "migrate " + from.describe() + " to " + to.describe();
        try {
            return conversions(from, fromTypes, to, to.isPerCpu(), to.keySize(), to.valueSize(), toTypes, renames);
        } catch (EngineException e) {
            throw e.withContext(what);
        }
    }

    /**
     * What migrating the pinned map into a map the load would create from {@code to} would do to its
     * members, or the refusal: for the load plan, before the new map exists.
     */
    static Report planned(BpfMap from, MapSpec to, Optional<MapBtf> toTypes) throws EngineException {
        return conversions(from, MapBtf.fromKernel(from), null, to.type().isPerCpu(), to.keySize(), to.valueSize(),
                toTypes, Map.of()).members();
    }

    /** @param to null when only the members are asked for */
    private static MapMigration conversions(BpfMap from, Optional<MapBtf> fromTypes, BpfMap to, boolean toPerCpu,
            int toKeySize, int toValueSize, Optional<MapBtf> toTypes, Map<String, String> renames)
            throws EngineException {
        if (from.isPerCpu() != toPerCpu) {
            throw new EngineException("one map is per-CPU and the other is not");
        }
        boolean typed = fromTypes.isPresent() && toTypes.isPresent();
        if (!typed && !renames.isEmpty()) {
            throw new EngineException("--map renames members, and " + (fromTypes.isEmpty() ? "the old" : "the new")
                    + " map has no BTF types");
        }
        boolean typedKeys = typed && fromTypes.get().hasKeyType() && toTypes.get().hasKeyType();
        List<BtfLayout> keys = typedKeys ? List.of(BtfLayout.of(fromTypes.get().btf(), fromTypes.get().keyTypeId()),
                BtfLayout.of(toTypes.get().btf(), toTypes.get().keyTypeId())) : null;
        List<BtfLayout> values = typed ? List.of(BtfLayout.of(fromTypes.get().btf(), fromTypes.get().valueTypeId()),
                BtfLayout.of(toTypes.get().btf(), toTypes.get().valueTypeId())) : null;
        for (Map.Entry<String, String> r : renames.entrySet()) {
            if (!renames(keys, r) && !renames(values, r)) {
                throw new EngineException("--map " + r.getKey() + "=" + r.getValue() + ": neither the key nor the "
                        + "value has an old member " + r.getKey() + " and a new member " + r.getValue());
            }
        }
        BtfLayoutConversion k = typedKeys ? new BtfLayoutConversion(keys.get(0), keys.get(1), renames, "key") : null;
        BtfLayoutConversion v = typed ? new BtfLayoutConversion(values.get(0), values.get(1), renames, "value") : null;
        requireSameSize("key", from.keySize(), toKeySize, k == null);
        requireSameSize("value", from.valueSize(), toValueSize, v == null);
        return new MapMigration(from, to, k, v);
    }

    private static boolean renames(List<BtfLayout> oldAndNew, Map.Entry<String, String> rename) {
        return oldAndNew != null && oldAndNew.get(0).byName().containsKey(rename.getKey())
                && oldAndNew.get(1).byName().containsKey(rename.getValue());
    }

    private static void requireSameSize(String side, int old, int now, boolean raw) throws EngineException {
        if (raw && old != now) {
            throw new EngineException("without BTF types on both maps the " + side + " is copied as bytes and needs "
                    + "equal sizes: " + old + " bytes in the old map, " + now + " in the new one");
        }
    }

    /** The report before copying: which members will be dropped, zero-filled or narrowed. */
    public Report members() {
        return report(0);
    }

    /** Reads and converts every entry, then writes them all; nothing is written when one is refused. */
    public Report copy() throws EngineException {
        String what = "migrate " + from.describe() + " to " + to.describe();
        ByteArrayOutputStream keys = new ByteArrayOutputStream();
        ByteArrayOutputStream values = new ByteArrayOutputStream();
        long entries = 0;
        long room = Integer.toUnsignedLong(to.info().maxEntries());
        Set<ByteBuffer> seen = new HashSet<>();
        try (MapCursor c = from.entries()) {
            while (c.next()) {
                byte[] k = c.key();
                String where = what + ": key " + HexFormat.of().formatHex(k);
                byte[] newKey = key == null ? k : key.convert(k, where);
                if (!seen.add(ByteBuffer.wrap(newKey))) {
                    throw new EngineException(where + ": two old keys become the same new key "
                            + HexFormat.of().formatHex(newKey));
                }
                if (++entries > room) {
                    throw new EngineException(what + ": the old map holds more than the new map's max entries ("
                            + room + ")");
                }
                keys.writeBytes(newKey);
                values.writeBytes(convertValue(c.value(), where));
            }
        }
        writeInBatches(keys.toByteArray(), values.toByteArray(), (int) entries);
        return report(entries);
    }

    private byte[] convertValue(byte[] old, String where) throws EngineException {
        if (value == null) {
            return old; // equal sizes and per-CPU slots, checked when the migration was made
        }
        ValueSlots oldSlots = from.valueSlots();
        ValueSlots newSlots = to.valueSlots();
        byte[] out = new byte[newSlots.bufferSize()];
        for (int cpu = 0; cpu < oldSlots.count(); cpu++) {
            value.convertInto(old, oldSlots.offset(cpu), out, newSlots.offset(cpu),
                    where + (oldSlots.perCpu() ? " CPU " + cpu : ""));
        }
        return out;
    }

    private void writeInBatches(byte[] keys, byte[] values, int entries) throws EngineException {
        int ksize = to.keySize();
        int vsize = to.valueBufferSize();
        for (int start = 0; start < entries; start += BATCH) {
            int n = Math.min(BATCH, entries - start);
            to.updateBatch(java.util.Arrays.copyOfRange(keys, start * ksize, (start + n) * ksize),
                    java.util.Arrays.copyOfRange(values, start * vsize, (start + n) * vsize), UpdateMode.ANY);
        }
    }

    private Report report(long entries) {
        return new Report(entries, value == null ? List.of() : concat(key, value, BtfLayoutConversion::dropped),
                value == null ? List.of() : concat(key, value, BtfLayoutConversion::zeroFilled),
                value == null ? List.of() : concat(key, value, BtfLayoutConversion::narrowed));
    }

    private static List<String> concat(BtfLayoutConversion key, BtfLayoutConversion value,
            java.util.function.Function<BtfLayoutConversion, List<String>> part) {
        List<String> k = key == null ? List.of() : part.apply(key).stream().map(m -> "key " + m).toList();
        return java.util.stream.Stream.concat(k.stream(), part.apply(value).stream()).toList();
    }
}
