package io.bpfsh.engine.load;

import io.bpfsh.engine.spec.MapSpec;
import io.bpfsh.engine.sys.MapType;
import io.bpfsh.engine.sys.PossibleCpus;

/**
 * Attributes a definition may leave out and the kernel still needs, filled in as libbpf does: a
 * perf event array without sizes holds one 4-byte FD slot per possible CPU.
 */
final class MapDefaults {
    private MapDefaults() {
    }

    static MapSpec fill(MapSpec m) {
        if (m.type() != MapType.PERF_EVENT_ARRAY) {
            return m;
        }
        return new MapSpec(m.name(), m.key(), m.section(), m.layout(), m.type(), m.keySize() == 0 ? 4 : m.keySize(),
                m.valueSize() == 0 ? 4 : m.valueSize(), m.maxEntries() == 0 ? PossibleCpus.count() : m.maxEntries(),
                m.flags(), m.pinning(), m.namespace(), m.numaNode(), m.mapExtra(), m.btfKeyTypeId(),
                m.btfValueTypeId(), m.initialData(), m.frozen());
    }
}
