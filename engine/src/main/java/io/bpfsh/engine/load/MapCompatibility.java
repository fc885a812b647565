package io.bpfsh.engine.load;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.btf.Btf;
import io.bpfsh.engine.btf.BtfKind;
import io.bpfsh.engine.btf.BtfLayout;
import io.bpfsh.engine.btf.BtfLayoutChange;
import io.bpfsh.engine.load.MapIncompatibleException.Difference;
import io.bpfsh.engine.spec.MapSpec;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.MapAttributes;
import io.bpfsh.engine.sys.MapInfo;
import io.bpfsh.engine.sys.MapType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a pinned map can stand for a definition: type, key size, value size, max entries and flags
 * must match (what libbpf and iproute2 compare). The kernel adds BPF_F_RDONLY_PROG to devmaps by
 * itself, so that bit is not held against them. Where both the object and the pinned map have BTF for
 * the key or the value, their layouts must match too (member names, offsets, sizes, kinds): equal sizes
 * with two members swapped would otherwise be reused and misread.
 */
final class MapCompatibility {
    private MapCompatibility() {
    }

    /** Sizes, flags and, where both sides have BTF, the key and value layouts. */
    static List<Difference> differences(MapSpec wanted, Btf objectBtf, BpfMap pinned) throws EngineException {
        List<Difference> d = differences(wanted, pinned.info());
        if (objectBtf == null || wanted.btfValueTypeId() == 0) {
            return d;
        }
        Optional<MapBtf> kernel = MapBtf.fromKernel(pinned);
        if (kernel.isEmpty()) {
            return d; // a pinned map without BTF is compared by sizes
        }
        MapBtf theirs = kernel.get();
        layoutDifference("key layout", objectBtf, wanted.btfKeyTypeId(), theirs.btf(), theirs.keyTypeId())
                .ifPresent(d::add);
        layoutDifference("value layout", objectBtf, wanted.btfValueTypeId(), theirs.btf(), theirs.valueTypeId())
                .ifPresent(d::add);
        return d;
    }

    private static Optional<Difference> layoutDifference(String field, Btf ours, int ourType, Btf theirs,
            int theirType) throws EngineException {
        if (ourType == 0 || theirType == 0 || isDatasec(ours, ourType) || isDatasec(theirs, theirType)) {
            return Optional.empty(); // global data: the object's DATASEC sizes are only fixed up for the kernel
        }
        BtfLayout newer = BtfLayout.of(ours, ourType);
        BtfLayout older = BtfLayout.of(theirs, theirType);
        List<BtfLayoutChange> changes = BtfLayoutChange.between(newer, older);
        return changes.isEmpty() ? Optional.empty()
                : Optional.of(new Difference(field, newer.typeName(), older.typeName(), changes));
    }

    private static boolean isDatasec(Btf btf, int typeId) {
        return btf.type(btf.resolve(typeId)).kind() == BtfKind.DATASEC;
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
