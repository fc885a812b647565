package io.bpfsh.engine.load;

import io.bpfsh.engine.spec.ObjectSpec;
import io.bpfsh.engine.sys.BpfBtf;
import io.bpfsh.engine.sys.BpfException;
import java.util.List;

/**
 * Loads an object's BTF into the kernel for its maps' typed values and its programs' function and line
 * records. BTF is an extra: a kernel that refuses it gets the maps and programs without, and the load
 * says so in a NOTE rather than failing (a program that needs its records, such as one with callbacks,
 * is then refused by the verifier, which says why).
 */
final class ObjectBtfLoader {
    private ObjectBtfLoader() {
    }

    /** The object's BTF in the kernel, or null (no BTF, no map uses it, or the kernel refused it). */
    static BpfBtf load(ObjectSpec spec, List<LoadEvent> events) {
        if (spec.kernelBtf() == null || (spec.maps().stream().noneMatch(m -> m.btfValueTypeId() != 0)
                && spec.programs().stream().allMatch(p -> p.funcInfo().isEmpty() && p.lineInfo().isEmpty()))) {
            return null;
        }
        try {
            return BpfBtf.load(spec.kernelBtf(), spec.file() + ": .BTF");
        } catch (BpfException e) { // without privilege, creating the first map fails next and says so
            boolean records = spec.programs().stream().anyMatch(p -> !p.funcInfo().isEmpty() || !p.lineInfo().isEmpty());
            events.add(new LoadEvent(LoadEvent.Kind.NOTE, "maps created without BTF: the kernel refused the object's BTF ("
                    + e.getMessage() + ")" + (records ? "; programs load without their function and line records" : ""),
                    null, null));
            return null;
        }
    }
}
