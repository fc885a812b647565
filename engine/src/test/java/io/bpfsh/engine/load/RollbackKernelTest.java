package io.bpfsh.engine.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.MapAttributes;
import io.bpfsh.engine.sys.MapType;
import io.bpfsh.engine.sys.ProgramLoadException;
import io.bpfsh.engine.sys.UpdateMode;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.OpenFds;
import io.bpfsh.engine.testing.Samples;
import io.bpfsh.engine.testing.TestBpffs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A load is all-or-nothing, and reused pins are checked before they are trusted. */
@KernelTest
class RollbackKernelTest {
    @RegisterExtension
    final TestBpffs fs = new TestBpffs();

    @Test
    void incompatiblePinnedMapIsRefusedAndLeftUnchanged() throws Exception {
        // maps_only_hash.o wants hash u32 -> u64, 64 entries; pin an array with other sizes there
        try (BpfMap squatter = BpfMap.create(MapAttributes.of(MapType.ARRAY, 4, 4, 128))) {
            fs.bpffs().pinCreatingParents(squatter, fs.bpffs().resolve("compat/probe"));
            squatter.update(ModuleKernelTest.u32(3), ModuleKernelTest.u32(33), UpdateMode.ANY);
            List<String> before = fs.tree();
            int fds = OpenFds.count();
            try (Module m = Module.open(Samples.object("maps_only_hash.o"), fs.bpffs())) {
                MapIncompatibleException e = assertThrows(MapIncompatibleException.class,
                        () -> m.load(Map.of("maps/compat_probe", SectionParams.pinPath("compat/probe"))));
                assertEquals(Samples.object("maps_only_hash.o") + ": map compat_probe: the map pinned at "
                        + fs.root().resolve("compat/probe") + " is incompatible: type: hash in object, array pinned; "
                        + "value_size: 8 in object, 4 pinned; max_entries: 64 in object, 128 pinned", e.getMessage());
                assertEquals(List.of("type", "value_size", "max_entries"),
                        e.differences().stream().map(MapIncompatibleException.Difference::field).toList());
            }
            assertEquals(before, fs.tree());
            assertEquals(fds, OpenFds.count(), "no FD left open");
            try (BpfMap again = fs.bpffs().openMap(fs.bpffs().resolve("compat/probe"), io.bpfsh.engine.sys.PinAccess.READ_ONLY)) {
                assertEquals(squatter.id(), again.id(), "same map still pinned");
                assertArrayEquals(ModuleKernelTest.u32(33), again.lookup(ModuleKernelTest.u32(3)), "same contents");
            }
        }
    }

    @Test
    void aFailingLastMapRollsBackEverything() throws Exception {
        // gobpf_global.o pins dummy_hash, then dummy_array; make the second one incompatible
        try (BpfMap squatter = BpfMap.create(MapAttributes.of(MapType.HASH, 4, 4, 16))) {
            fs.bpffs().pinCreatingParents(squatter, fs.bpffs().resolve("ns1/globals/dummy_array"));
            List<String> before = fs.tree();
            int fds = OpenFds.count();
            try (Module m = Module.open(Samples.object("gobpf_global.o"), fs.bpffs())) {
                assertThrows(MapIncompatibleException.class, () -> m.load(Map.of()));
                assertTrue(m.maps().isEmpty());
            }
            assertEquals(before, fs.tree(), "dummy_hash's pin was removed again");
            assertEquals(fds, OpenFds.count());
        }
    }

    @Test
    void aFailingProgramRollsBackItsPinsAndDirectories() throws Exception {
        List<String> before = fs.tree();
        int fds = OpenFds.count();
        try (Module m = Module.open(Samples.object("bad_verifier.o"), fs.bpffs())) {
            ProgramLoadException e = assertThrows(ProgramLoadException.class, () -> m.load(Map.of()));
            assertTrue(e.getMessage().startsWith("load program " + Samples.object("bad_verifier.o")
                    + ": socket/bad: permission denied (EACCES): verifier: "), e.getMessage());
            assertTrue(e.verifierLog().contains("invalid mem access"), e.verifierLog());
        }
        assertEquals(before, fs.tree(), "ns1/globals/rollback_probe and its directories are gone");
        assertEquals(fds, OpenFds.count());
    }

    @Test
    void fdsStayBalancedOver200LoadCloseCycles() throws Exception {
        cycle(); // warm-up: class loading and JNA open files once
        int before = OpenFds.count();
        for (int i = 0; i < 200; i++) {
            cycle();
        }
        assertEquals(before, OpenFds.count());
        assertEquals(List.of(), fs.tree());
    }

    private void cycle() throws EngineException {
        try (Module m = Module.open(Samples.object("gobpf_global.o"), fs.bpffs())) {
            m.load(Map.of());
            m.close(Map.of("maps/dummy_hash", CloseOptions.unpinning(), "maps/dummy_array", CloseOptions.unpinning()));
        }
        try (Module m = Module.open(Samples.object("bad_verifier.o"), fs.bpffs())) {
            m.load(Map.of());
        } catch (ProgramLoadException expected) {
            // the error path must not leak either
        }
    }
}
