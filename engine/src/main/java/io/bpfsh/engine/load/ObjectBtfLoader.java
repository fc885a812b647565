package io.bpfsh.engine.load;

import io.bpfsh.engine.spec.ObjectSpec;
import io.bpfsh.engine.sys.BpfBtf;
import io.bpfsh.engine.sys.BpfException;
import java.util.List;

/**
 * Loads an object's BTF into the kernel for its maps' typed values. BTF is an extra: a kernel that
 * refuses it gets the maps without, and the load says so in a NOTE rather than failing.
 */
final class ObjectBtfLoader {
    private ObjectBtfLoader() {
    }

    /** The object's BTF in the kernel, or null (no BTF, no map uses it, or the kernel refused it). */
    static BpfBtf load(ObjectSpec spec, List<LoadEvent> events) {
        if (spec.kernelBtf() == null || spec.maps().stream().noneMatch(m -> m.btfValueTypeId() != 0)) {
            return null;
        }
        try {
            return BpfBtf.load(spec.kernelBtf(), spec.file() + ": .BTF");
        } catch (BpfException e) { // without privilege, creating the first map fails next and says so
            events.add(new LoadEvent(LoadEvent.Kind.NOTE, "maps created without BTF: the kernel refused the object's BTF ("
                    + e.getMessage() + ")", null, null));
            return null;
        }
    }
}
