package io.bpfsh.engine.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.fs.PinIndex;
import io.bpfsh.engine.testing.Bpftool;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.NetNamespace;
import io.bpfsh.engine.testing.Samples;
import io.bpfsh.engine.testing.TestBpffs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Kernel-wide listings contain what another process (bpftool) created, with the pins that hold it;
 * the pin walk follows no symlink and does not enter a bpffs mounted below the root.
 */
@KernelTest
class KernelListingKernelTest {
    private TestBpffs fs;

    @BeforeEach
    void setUp() {
        fs = new TestBpffs("KernelListingKernelTest");
    }

    @AfterEach
    void tearDown() {
        fs.close();
    }

    @Test
    void objectsBpftoolCreatedAreListedWithTheirPins() throws Exception {
        Path mapPin = fs.root().resolve("bt_map");
        Path progDir = fs.root().resolve("progs");
        Bpftool.run("map", "create", mapPin.toString(), "type", "hash", "key", "4", "value", "8", "entries", "16",
                "name", "bt_listed");
        Bpftool.run("prog", "loadall", Samples.object("xdp_filter.o").toString(), progDir.toString());
        int mapId = (int) Bpftool.number(Bpftool.mapShowPinned(mapPin.toString()), "id");
        int progId = (int) Bpftool.number(Bpftool.progShowPinned(progDir.resolve("filter").toString()), "id");

        MapInfo map = KernelObjects.allMaps().stream().filter(m -> m.id() == mapId).findFirst().orElseThrow();
        assertEquals("bt_listed", map.name());
        assertEquals("hash", map.typeName());
        assertEquals(16, map.maxEntries());
        ProgInfo prog = KernelObjects.allPrograms().stream().filter(p -> p.id() == progId).findFirst().orElseThrow();
        assertEquals("filter", prog.name());
        assertEquals("xdp", prog.typeName());

        PinIndex pins = PinIndex.scan(fs.bpffs());
        assertEquals(List.of(mapPin), pins.pinsOf(ObjectKind.MAP, mapId));
        assertEquals(List.of(progDir.resolve("filter")), pins.pinsOf(ObjectKind.PROG, progId));
        assertEquals(List.of(), pins.pinsOf(ObjectKind.MAP, progId), "kinds are kept apart");
    }

    @Test
    void theWalkFollowsNoSymlinkAndCrossesNoMount() throws Exception {
        Path mapPin = fs.root().resolve("m");
        Bpftool.run("map", "create", mapPin.toString(), "type", "array", "key", "4", "value", "4", "entries", "1",
                "name", "bt_walk");
        int mapId = (int) Bpftool.number(Bpftool.mapShowPinned(mapPin.toString()), "id");
        Files.createSymbolicLink(fs.root().resolve("alias"), mapPin);
        Path other = fs.root().resolve("other");
        Files.createDirectory(other);
        NetNamespace.run("mount", "-t", "bpf", "bpf", other.toString());
        try {
            Bpftool.run("map", "create", other.resolve("hidden").toString(), "type", "array", "key", "4", "value",
                    "4", "entries", "1", "name", "bt_hidden");
            int hiddenId = (int) Bpftool.number(Bpftool.mapShowPinned(other.resolve("hidden").toString()), "id");
            PinIndex pins = PinIndex.scan(fs.bpffs());
            assertEquals(List.of(mapPin), pins.pinsOf(ObjectKind.MAP, mapId), "the symlink is not a second pin");
            assertEquals(List.of(), pins.pinsOf(ObjectKind.MAP, hiddenId), "another bpffs below the root");
            assertTrue(KernelObjects.allMaps().stream().anyMatch(m -> m.id() == hiddenId), "but the kernel has it");
        } finally {
            NetNamespace.run("umount", other.toString());
        }
    }
}
