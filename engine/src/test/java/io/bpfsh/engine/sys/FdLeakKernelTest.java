package io.bpfsh.engine.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpfsh.engine.fs.PinPath;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.OpenFds;
import io.bpfsh.engine.testing.TestBpffs;
import org.junit.jupiter.api.Test;

/** Every FD the sys layer opens is closed by its owner, on success and on error paths. */
@KernelTest
class FdLeakKernelTest {

    @Test
    void thousandCreatePinGetCloseCycles() throws Exception {
        try (TestBpffs fs = new TestBpffs("FdLeakKernelTest")) {
            cycle(fs, -1); // warm up: JNA and class loading open their own files once
            int before = OpenFds.count();
            for (int i = 0; i < 1000; i++) {
                cycle(fs, i);
            }
            assertEquals(before, OpenFds.count(), "open fds before and after 1,000 cycles");
        }
    }

    private static void cycle(TestBpffs fs, int i) throws Exception {
        PinPath pin = fs.bpffs().resolve("leak/m" + (i < 0 ? "warm" : i));
        try (BpfMap m = BpfMap.create(MapAttributes.of(MapType.ARRAY, 4, 4, 1))) {
            fs.bpffs().pinCreatingParents(m, pin);
            try (BpfMap got = fs.bpffs().openMap(pin, PinAccess.READ_ONLY)) {
                got.lookup(Bytes.u32(0));
            }
            // error paths must not leak either: an existing pin, and a pin that is not a program
            try {
                fs.bpffs().pin(m, pin);
            } catch (BpfException expected) {
                // EEXIST
            }
            try {
                fs.bpffs().openProgram(pin);
            } catch (WrongObjectKindException expected) {
                // a map
            }
        }
        fs.bpffs().unpin(pin);
    }
}
