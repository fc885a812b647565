package io.bpfsh.engine.load;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.btf.Btf;
import io.bpfsh.engine.btf.BtfType;
import io.bpfsh.engine.btf.BtfValueFormatter;
import io.bpfsh.engine.btf.BtfValueParser;
import io.bpfsh.engine.sys.BpfBtf;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.MapInfo;
import java.util.List;
import java.util.Optional;

/**
 * The BTF types of a map's key and value, for showing and parsing typed values. A type id of 0 means
 * that side has no type (global data keys, for instance) and stays raw.
 */
public record MapBtf(Btf btf, int keyTypeId, int valueTypeId, BtfValueFormatter formatter) {
    /** With a formatter of its own, which compiles each type once for all the values shown through it. */
    public MapBtf(Btf btf, int keyTypeId, int valueTypeId) {
        this(btf, keyTypeId, valueTypeId, new BtfValueFormatter(btf));
    }

    /** From the object a module loaded, when its definition names types. */
    public static Optional<MapBtf> of(Module module, LoadedMap map) {
        return of(module.spec().btf(), map.spec());
    }

    /** A definition's types in the object's BTF, when it names any (what a load creates the map with). */
    static Optional<MapBtf> of(Btf objectBtf, io.bpfsh.engine.spec.MapSpec spec) {
        return objectBtf == null || spec.btfValueTypeId() == 0 ? Optional.empty()
                : Optional.of(new MapBtf(objectBtf, spec.btfKeyTypeId(), spec.btfValueTypeId()));
    }

    /**
     * From the kernel, for any map (pinned by another tool, or opened by id): the map's btf_id and type
     * ids, with the BTF read back from the kernel. Empty when the map was created without BTF.
     */
    public static Optional<MapBtf> fromKernel(BpfMap map) throws EngineException {
        MapInfo info = map.info();
        if (info.btfId() == 0 || info.btfValueTypeId() == 0) {
            return Optional.empty();
        }
        try (BpfBtf kernel = BpfBtf.open(info.btfId())) {
            Btf btf = Btf.parse("BTF id " + info.btfId() + " of " + map.describe(), kernel.bytes());
            if (info.btfValueTypeId() >= btf.typeCount() + 1 || info.btfKeyTypeId() >= btf.typeCount() + 1) {
                return Optional.empty(); // split BTF on top of vmlinux: its ids are not in this blob
            }
            return Optional.of(new MapBtf(btf, info.btfKeyTypeId(), info.btfValueTypeId()));
        }
    }

    /**
     * The map's whole name, where the kernel keeps only 15 characters ({@code BPF_OBJ_NAME_LEN - 1}):
     * the one variable of the BTF (libbpf's {@code .maps} declares each map as one) whose name begins
     * with the kernel's. Empty when the name is not cut, or no variable or more than one matches.
     */
    public Optional<String> fullName(String kernelName) {
        if (kernelName.length() < 15) {
            return Optional.empty();
        }
        List<String> matches = btf.types().stream()
                .filter(t -> t instanceof BtfType.Var v && v.name().startsWith(kernelName) && v.name().length() > 15)
                .map(BtfType::name).distinct().limit(2).toList();
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }

    public boolean hasKeyType() {
        return keyTypeId != 0;
    }

    /** The C spelling of the key and value types, e.g. "__u32" and "struct counter". */
    public String keyTypeName() {
        return keyTypeId == 0 ? "" : btf.typeName(keyTypeId);
    }

    public String valueTypeName() {
        return btf.typeName(valueTypeId);
    }

    public String formatKey(byte[] key) throws EngineException {
        return formatter.text(keyTypeId, key);
    }

    public String formatValue(byte[] value) throws EngineException {
        return formatter.text(valueTypeId, value);
    }

    /** JSON-ready form (Map, List, Long, String, ...) of a key, as bpftool's "formatted". */
    public Object jsonKey(byte[] key) throws EngineException {
        return formatter.json(keyTypeId, key);
    }

    public Object jsonValue(byte[] value) throws EngineException {
        return formatter.json(valueTypeId, value);
    }

    /** Whether the key's type reads a string literal (a char array, such as an interface name). */
    public boolean keyTakesString() {
        return keyTypeId != 0 && new BtfValueParser(btf).takesString(keyTypeId);
    }

    public boolean valueTakesString() {
        return new BtfValueParser(btf).takesString(valueTypeId);
    }

    /** Parses a typed literal ("7", "{pkts=5, bytes=1000}") into key bytes. */
    public byte[] parseKey(String literal) throws EngineException {
        return new BtfValueParser(btf).parse(keyTypeId, literal);
    }

    /** A typed literal written over an existing value: what it leaves out keeps its bytes. */
    public byte[] parseValueOnto(String literal, byte[] base) throws EngineException {
        return new BtfValueParser(btf).parseOnto(valueTypeId, literal, base);
    }

    public byte[] parseValue(String literal) throws EngineException {
        return new BtfValueParser(btf).parse(valueTypeId, literal);
    }
}
