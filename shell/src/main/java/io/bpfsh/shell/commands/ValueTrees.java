package io.bpfsh.shell.commands;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.ValueSlots;
import io.bpfsh.shell.MapTypes;
import io.bpfsh.shell.data.DataFormat;
import io.bpfsh.shell.output.ValueDelta;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Keys and values of one map as JSON-ready trees, for watch to compare: typed ones as dump's
 * "formatted" forms, raw ones as unsigned integers (1, 2, 4 or 8 bytes) or hex strings; a per-CPU
 * value is the list of its CPUs' values, or their sum.
 */
final class ValueTrees {
    private final BpfMap map;
    private final MapTypes types;
    private final boolean sumCpus;

    ValueTrees(BpfMap map, MapTypes types, boolean sumCpus) {
        this.map = map;
        this.types = types;
        this.sumCpus = sumCpus;
    }

    Object key(byte[] key) throws EngineException {
        return types.hasKeyType() ? types.keyJson(key, 0, map.keySize()) : raw(key, 0, map.keySize());
    }

    Object value(byte[] buffer) throws EngineException {
        if (!map.isPerCpu()) {
            return one(buffer, 0);
        }
        ValueSlots slots = map.valueSlots();
        List<Object> cpus = new ArrayList<>(slots.count());
        for (int cpu = 0; cpu < slots.count(); cpu++) {
            cpus.add(one(buffer, slots.offset(cpu)));
        }
        return sumCpus ? ValueDelta.sum(cpus) : cpus;
    }

    private Object one(byte[] buffer, int offset) throws EngineException {
        return types.typed() ? types.valueJson(buffer, offset, map.valueSize()) : raw(buffer, offset, map.valueSize());
    }

    static Object raw(byte[] b, int offset, int length) {
        if (DataFormat.isInteger(length)) {
            return new BigInteger(DataFormat.text(b, offset, length));
        }
        return HexFormat.of().formatHex(b, offset, offset + length);
    }
}
