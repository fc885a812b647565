package io.bpfsh.engine.sys;

import static io.bpfsh.engine.sys.BpfMapKernelTest.assertThrowsErrno;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.fs.PinPath;
import io.bpfsh.engine.fs.PinPathException;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.TestBpffs;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each refused operation gives its one-line error and leaves bpffs as it was. */
@KernelTest
class ErrorPathsKernelTest {
    @RegisterExtension
    final TestBpffs fs = new TestBpffs();
    private BpfMap map;
    private PinPath pinned;
    private List<String> before;

    @BeforeEach
    void setUp() throws Exception {
        map = BpfMap.create(MapAttributes.of(MapType.HASH, 4, 8, 16));
        pinned = fs.bpffs().resolve("ns1/test1");
        fs.bpffs().pinCreatingParents(map, pinned);
        map.update(Bytes.u32(1), Bytes.u64(11), UpdateMode.ANY);
        before = fs.tree();
    }

    @AfterEach
    void tearDown() {
        try {
            assertEquals(before, fs.tree(), "bpffs unchanged by the failed operation");
        } finally {
            map.close();
        }
    }

    @Test
    void existingPin() throws Exception {
        try (BpfMap other = BpfMap.create(MapAttributes.of(MapType.HASH, 4, 8, 16))) {
            BpfException e = assertThrowsErrno(Errno.EEXIST, () -> fs.bpffs().pin(other, pinned));
            assertEquals("pin " + pinned + ": file exists (EEXIST)", e.getMessage());
            assertThrowsErrno(Errno.EEXIST, () -> fs.bpffs().pinCreatingParents(other, pinned));
        }
        try (BpfMap again = fs.bpffs().openMap(pinned, PinAccess.READ_WRITE)) {
            assertEquals(map.id(), again.id(), "the existing pin still holds the first map");
        }
    }

    @Test
    void missingPin() throws Exception {
        PinPath missing = fs.bpffs().resolve("ns1/nothing");
        BpfException e = assertThrowsErrno(Errno.ENOENT, () -> fs.bpffs().openMap(missing, PinAccess.READ_WRITE));
        assertEquals("get pinned object " + missing + ": no such file or directory (ENOENT)", e.getMessage());
    }

    @Test
    void pathOutsideBpffs() {
        PinPathException e = assertThrows(PinPathException.class, () -> fs.bpffs().resolve("/tmp/x"));
        assertEquals("pin path /tmp/x is outside the bpffs root " + fs.root(), e.getMessage());
    }

    @Test
    void dotDotEscape() {
        PinPathException e = assertThrows(PinPathException.class, () -> fs.bpffs().resolve("ns1/../../escape"));
        assertTrue(e.getMessage().startsWith("pin path ns1/../../escape is outside the bpffs root"), e.getMessage());
        String abs = fs.root() + "/../escape";
        e = assertThrows(PinPathException.class, () -> fs.bpffs().resolve(abs));
        assertTrue(e.getMessage().contains(abs), e.getMessage());
    }

    @Test
    void dottedName() {
        PinPathException e = assertThrows(PinPathException.class, () -> fs.bpffs().resolve("ns1/a.b"));
        assertEquals("pin path ns1/a.b: name 'a.b' contains a '.', which bpffs refuses", e.getMessage());
    }

    @Test
    void wrongKeyAndValueSize() {
        EngineException e = assertThrows(EngineException.class, () -> map.update(new byte[3], Bytes.u64(1), UpdateMode.ANY));
        assertTrue(e.getMessage().endsWith(": key is 3 bytes, expected 4"), e.getMessage());
        e = assertThrows(EngineException.class, () -> map.update(Bytes.u32(1), Bytes.u32(1), UpdateMode.ANY));
        assertTrue(e.getMessage().endsWith(": value is 4 bytes, expected 8"), e.getMessage());
        e = assertThrows(EngineException.class, () -> map.lookup(new byte[5]));
        assertTrue(e.getMessage().endsWith(": key is 5 bytes, expected 4"), e.getMessage());
    }

    @Test
    void readOnlyHandleWrittenTo() throws Exception {
        try (BpfMap ro = fs.bpffs().openMap(pinned, PinAccess.READ_ONLY)) {
            assertEquals(11, Bytes.readU64(ro.lookup(Bytes.u32(1)), 0), "reading is allowed");
            BpfException e = assertThrowsErrno(Errno.EPERM, () -> ro.update(Bytes.u32(1), Bytes.u64(12), UpdateMode.ANY));
            assertEquals("update " + pinned + ": operation not permitted (EPERM): the handle is read-only or the map is frozen",
                    e.getMessage());
            assertThrowsErrno(Errno.EPERM, () -> ro.delete(Bytes.u32(1)));
        }
        assertEquals(11, Bytes.readU64(map.lookup(Bytes.u32(1)), 0), "value unchanged");
    }

    @Test
    void writeOnlyHandleRead() throws Exception {
        try (BpfMap wo = fs.bpffs().openMap(pinned, PinAccess.WRITE_ONLY)) {
            assertThrowsErrno(Errno.EPERM, () -> wo.lookup(Bytes.u32(1)));
        }
    }
}
