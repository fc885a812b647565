package io.bpfsh.engine.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.spec.CraftedObject;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.MapAttributes;
import io.bpfsh.engine.sys.MapType;
import io.bpfsh.engine.testing.OpenFds;
import io.bpfsh.engine.testing.TestBpffs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Checks shared by the load error tests: one-line message, bpffs unchanged, no FD left open. */
final class FailedLoad {
    private FailedLoad() {
    }

    /** Loads once so that JNA and the bpf(2) path have opened whatever they keep for the JVM's life. */
    static void warmUp() throws EngineException {
        try (BpfMap m = BpfMap.create(MapAttributes.of(MapType.ARRAY, 4, 4, 1))) {
            m.id();
        }
    }

    /**
     * Opens {@code object} under {@code fs}, loads it with {@code params} and asserts that the load fails with
     * exactly {@code message}, that the module stays unloaded, that the bpffs tree is as before and that every
     * FD the attempt opened is closed again. Returns the exception for further checks.
     */
    static EngineException assertRefused(TestBpffs fs, Path object, Map<String, SectionParams> params, String message)
            throws EngineException {
        EngineException e = refused(fs, object, params);
        assertEquals(message, e.getMessage());
        return e;
    }

    /** As {@link #assertRefused}, for callers that check the message themselves. */
    static EngineException refused(TestBpffs fs, Path object, Map<String, SectionParams> params)
            throws EngineException {
        return refused(fs, object, params, LoadOptions.defaults());
    }

    /** As {@link #refused(TestBpffs, Path, Map)}, with load options. */
    static EngineException refused(TestBpffs fs, Path object, Map<String, SectionParams> params, LoadOptions options)
            throws EngineException {
        List<String> before = fs.tree();
        EngineException e = attempt(fs, object, params, options);
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertEquals(before, fs.tree(), "bpffs unchanged after: " + e.getMessage());
        // FDs are counted around a second, identical attempt: the first one may make the JVM open a jar
        // for a class it loads late; a leak would show again on every attempt
        int fds = OpenFds.count();
        EngineException again = attempt(fs, object, params, options);
        assertEquals(e.getMessage(), again.getMessage());
        assertEquals(before, fs.tree(), "bpffs unchanged after: " + e.getMessage());
        assertEquals(fds, OpenFds.count(), "no FD left open after: " + e.getMessage());
        return e;
    }

    private static EngineException attempt(TestBpffs fs, Path object, Map<String, SectionParams> params,
            LoadOptions options) throws EngineException {
        try (Module m = Module.open(object, fs.bpffs())) {
            EngineException e = assertThrows(EngineException.class, () -> m.load(params, options));
            assertFalse(m.isLoaded(), "a failed load leaves the module unloaded");
            assertTrue(m.maps().isEmpty() && m.programs().isEmpty());
            return e;
        }
    }

    /** An object of gobpf maps/NAME sections only, written to {@code dir/file}; names and defs alternate. */
    static Path gobpfMaps(Path dir, String file, Object... namesAndDefs) {
        CraftedObject o = new CraftedObject();
        for (int i = 0; i < namesAndDefs.length; i += 2) {
            String name = (String) namesAndDefs[i];
            o.object(name, o.data("maps/" + name, (byte[]) namesAndDefs[i + 1]), 0, 280);
        }
        return o.write(dir, file);
    }
}
