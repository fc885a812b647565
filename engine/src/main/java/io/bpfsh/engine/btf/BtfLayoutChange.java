package io.bpfsh.engine.btf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One way two layouts of the same key or value differ, member by member: a version of a program that
 * swaps two u32 members keeps every size, so only this comparison tells that it would misread the old map.
 *
 * @param member the leaf's name ("" for a whole value that is not a struct)
 * @param newer  the member in the newer layout (the object's), or null when removed
 * @param older  the member in the older layout (the pinned map's), or null when added
 */
public record BtfLayoutChange(Kind kind, String member, BtfLayout.Leaf newer, BtfLayout.Leaf older) {

    public enum Kind {
        ADDED, REMOVED, MOVED, RESIZED, KIND_CHANGED;

        public String displayName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    /** Every difference between two layouts, in the newer layout's member order, then the removed members. */
    public static List<BtfLayoutChange> between(BtfLayout newer, BtfLayout older) {
        List<BtfLayoutChange> changes = new ArrayList<>();
        Map<String, BtfLayout.Leaf> old = older.byName();
        for (BtfLayout.Leaf n : newer.leaves()) {
            BtfLayout.Leaf o = old.get(n.name());
            if (o == null) {
                changes.add(new BtfLayoutChange(Kind.ADDED, n.name(), n, null));
            } else if (o.kind() != n.kind()) {
                changes.add(new BtfLayoutChange(Kind.KIND_CHANGED, n.name(), n, o));
            } else if (o.bits() != n.bits() || (o.kind() == BtfLayout.LeafKind.INTEGER && o.signed() != n.signed())) {
                changes.add(new BtfLayoutChange(Kind.RESIZED, n.name(), n, o));
            } else if (o.bitOffset() != n.bitOffset()) {
                changes.add(new BtfLayoutChange(Kind.MOVED, n.name(), n, o));
            }
        }
        Map<String, BtfLayout.Leaf> now = newer.byName();
        for (BtfLayout.Leaf o : older.leaves()) {
            if (!now.containsKey(o.name())) {
                changes.add(new BtfLayoutChange(Kind.REMOVED, o.name(), null, o));
            }
        }
        return changes;
    }

    /** "bytes resized: __u32 at byte 4 → __u64 at byte 8" */
    @Override
    public String toString() {
        String what = BtfLayout.label(member) + " " + kind.displayName();
        return switch (kind) {
            case ADDED -> what + " (" + newer.describe() + ")";
            case REMOVED -> what + " (was " + older.describe() + ")";
            default -> what + " (" + older.describe() + " pinned, " + newer.describe() + " in object)";
        };
    }
}
