package io.bpfsh.engine.events;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.btf.Btf;
import io.bpfsh.engine.btf.BtfKind;
import io.bpfsh.engine.btf.BtfType;
import io.bpfsh.engine.btf.BtfValueFormatter;
import io.bpfsh.engine.sys.BpfBtf;
import io.bpfsh.engine.sys.BpfMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The BTF type the records of a ring buffer or perf array carry (the maps themselves have no value
 * type), named as C spells it: {@code struct event}, {@code union u}, {@code enum e}, a typedef or
 * an integer type; a bare {@code event} finds a struct, union or enum of that name too.
 */
public final class RecordType {
    private static final Set<BtfKind> NAMED = Set.of(BtfKind.STRUCT, BtfKind.UNION, BtfKind.ENUM,
            BtfKind.ENUM64, BtfKind.TYPEDEF, BtfKind.INT, BtfKind.FLOAT);

    private final Btf btf;
    private final int typeId;
    private final int size;

    private RecordType(Btf btf, int typeId, int size) {
        this.btf = btf;
        this.typeId = typeId;
        this.size = size;
    }

    public static RecordType resolve(Btf btf, String spelling) throws EngineException {
        String wanted = spelling.trim().replaceAll("\\s+", " ");
        int bare = 0;
        for (int id = 1; id <= btf.typeCount(); id++) {
            BtfType t = btf.type(id);
            if (!NAMED.contains(t.kind()) || t.name().isEmpty()) {
                continue;
            }
            if (btf.typeName(id).equals(wanted)) {
                return of(btf, id, wanted);
            }
            if (bare == 0 && t.name().equals(wanted)) {
                bare = id;
            }
        }
        if (bare != 0) {
            return of(btf, bare, wanted);
        }
        throw new EngineException("type '" + spelling + "' is not in " + btf.origin()
                + " (give a struct, union, enum, typedef or integer type of the object, e.g. 'struct event')");
    }

    /** The named struct, union, enum and typedef types of an object as C spells them, without repeats. */
    public static List<String> namedTypes(Btf btf) {
        Set<String> names = new LinkedHashSet<>();
        for (int id = 1; id <= btf.typeCount(); id++) {
            BtfType t = btf.type(id);
            if (!t.name().isEmpty() && t.kind() != BtfKind.INT && t.kind() != BtfKind.FLOAT && NAMED.contains(t.kind())) {
                names.add(btf.typeName(id));
            }
        }
        return List.copyOf(names);
    }

    /**
     * The type from the kernel's BTF for a map not loaded by this process: the map's own BTF, else
     * that of a program using it (ring buffers have no value type, so loaders often give them none).
     */
    public static RecordType fromKernel(BpfMap map, String spelling) throws EngineException {
        int btfId = map.info().btfId();
        if (btfId == 0) {
            btfId = MapUsers.programBtfId(map.id());
        }
        if (btfId == 0) {
            throw new EngineException(map.describe() + ": no BTF in the kernel to find type '" + spelling
                    + "' in (neither the map nor a program using it has any); give the map as MODULE:NAME");
        }
        try (BpfBtf kernel = BpfBtf.open(btfId)) {
            return resolve(Btf.parse("BTF id " + btfId + " of " + map.describe(), kernel.bytes()), spelling);
        }
    }

    private static RecordType of(Btf btf, int id, String spelling) throws EngineException {
        long size = btf.sizeOf(id);
        if (size <= 0 || size > Integer.MAX_VALUE) {
            throw new EngineException("type '" + spelling + "' in " + btf.origin() + " has no usable size (" + size + ")");
        }
        return new RecordType(btf, id, (int) size);
    }

    /** "struct event". */
    public String name() {
        return btf.typeName(typeId);
    }

    public int size() {
        return size;
    }

    /** The record as text, e.g. {@code {seq=0, len=64}}; extra bytes (perf padding) are ignored. */
    public String text(byte[] record) throws EngineException {
        return new BtfValueFormatter(btf).text(typeId, prefix(record));
    }

    /** JSON-ready form (maps, lists, numbers, strings), as {@link BtfValueFormatter#json}. */
    public Object json(byte[] record) throws EngineException {
        return new BtfValueFormatter(btf).json(typeId, prefix(record));
    }

    private byte[] prefix(byte[] record) throws EngineException {
        if (record.length < size) {
            throw new EngineException("a " + record.length + "-byte record is shorter than " + name()
                    + " (" + size + " bytes)");
        }
        return record.length == size ? record : java.util.Arrays.copyOf(record, size);
    }
}
