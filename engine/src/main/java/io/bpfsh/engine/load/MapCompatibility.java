package io.bpfsh.engine.load;

import io.bpfsh.engine.load.MapIncompatibleException.Difference;
import io.bpfsh.engine.spec.MapSpec;
import io.bpfsh.engine.sys.MapAttributes;
import io.bpfsh.engine.sys.MapInfo;
import io.bpfsh.engine.sys.MapType;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a pinned map can stand for a definition: type, key size, value size, max entries and flags
 * must match (what libbpf and iproute2 compare). The kernel adds BPF_F_RDONLY_PROG to devmaps by
 * itself, so that bit is not held against them.
 */
final class MapCompatibility {
    private MapCompatibility() {
    }

    static List<Difference> differences(MapSpec wanted, MapInfo pinned) {
        List<Difference> d = new ArrayList<>();
        if (wanted.type().number() != pinned.type()) {
            d.add(new Difference("type", wanted.type().displayName(), pinned.typeName()));
        }
        if (wanted.keySize() != pinned.keySize()) {
            d.add(new Difference("key_size", str(wanted.keySize()), str(pinned.keySize())));
        }
        if (wanted.valueSize() != pinned.valueSize()) {
            d.add(new Difference("value_size", str(wanted.valueSize()), str(pinned.valueSize())));
        }
        if (wanted.maxEntries() != pinned.maxEntries()) {
            d.add(new Difference("max_entries", str(wanted.maxEntries()), str(pinned.maxEntries())));
        }
        int mask = wanted.type() == MapType.DEVMAP || wanted.type() == MapType.DEVMAP_HASH
                ? ~MapAttributes.F_RDONLY_PROG : ~0;
        if ((wanted.flags() & mask) != (pinned.flags() & mask)) {
            d.add(new Difference("map_flags", "0x" + Integer.toHexString(wanted.flags()),
                    "0x" + Integer.toHexString(pinned.flags())));
        }
        if (wanted.mapExtra() != pinned.mapExtra()) {
            d.add(new Difference("map_extra", Long.toUnsignedString(wanted.mapExtra()),
                    Long.toUnsignedString(pinned.mapExtra())));
        }
        return d;
    }

    private static String str(int v) {
        return Integer.toUnsignedString(v);
    }
}
