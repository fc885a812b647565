package io.bpfsh.completions;

import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.BpfObject;
import io.bpfsh.engine.sys.BpfProgram;
import io.bpfsh.engine.sys.MapAttributes;
import io.bpfsh.engine.sys.MapType;
import io.bpfsh.engine.sys.ProgType;
import io.bpfsh.engine.sys.ProgramLoadAttributes;
import io.bpfsh.engine.testing.TestBpffs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A bpffs tree that a kernel test builds under its own directory and removes at close, with the FDs
 * of what it created:
 * <pre>
 * ROOT/
 *   counters        map hash
 *   table           map array
 *   filter          prog socket_filter
 *   ns1/
 *     inner         map lru_hash
 *     deep/
 *       leaf        map array
 *       prog2       prog socket_filter
 *   empty/
 *   alias -> ns1    a symlink to a directory
 *   dangling -> x   a symlink to nothing: a pin that cannot be opened
 * </pre>
 */
final class BpffsTree implements AutoCloseable {
    /** mov64 r0, 0; exit */
    static final byte[] RETURN_ZERO = {
            (byte) 0xb7, 0, 0, 0, 0, 0, 0, 0,
            (byte) 0x95, 0, 0, 0, 0, 0, 0, 0,
    };

    final TestBpffs bpffs;
    final Path root;
    private final List<BpfObject> objects = new ArrayList<>();

    BpffsTree(String owner) throws Exception {
        bpffs = new TestBpffs(owner);
        root = bpffs.root();
        try {
            pin(map(MapType.HASH), "counters");
            pin(map(MapType.ARRAY), "table");
            pin(program(), "filter");
            mkdir("ns1");
            pin(map(MapType.LRU_HASH), "ns1/inner");
            mkdir("ns1/deep");
            pin(map(MapType.ARRAY), "ns1/deep/leaf");
            pin(program(), "ns1/deep/prog2");
            mkdir("empty");
            Files.createSymbolicLink(root.resolve("alias"), root.resolve("ns1"));
            Files.createSymbolicLink(root.resolve("dangling"), root.resolve("nothing-here"));
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    BpfMap map(MapType type) throws Exception {
        BpfMap m = BpfMap.create(MapAttributes.of(type, 4, 8, 16).withName("t_" + type.displayName()));
        objects.add(m);
        return m;
    }

    BpfProgram program() throws Exception {
        BpfProgram p = BpfProgram.load(ProgramLoadAttributes.of(ProgType.SOCKET_FILTER, RETURN_ZERO, "GPL"), "test");
        objects.add(p);
        return p;
    }

    void pin(BpfObject o, String relative) throws Exception {
        o.pin(root.resolve(relative).toString());
    }

    void mkdir(String relative) {
        try {
            Files.createDirectory(root.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        for (BpfObject o : objects) {
            o.close();
        }
        bpffs.close();
    }
}
