package io.bpfsh.completions;

import static io.bpfsh.completions.Completion.partial;
import static io.bpfsh.completions.Completion.sorted;
import static io.bpfsh.completions.Completion.whole;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.fs.Bpffs;
import io.bpfsh.engine.sys.MapType;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.OpenFds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bpffs paths on a real tree: entries of the directory typed, kinds and types, maps-only where a map is wanted. */
@KernelTest
class BpffsPathCompletionKernelTest {
    private BpffsTree tree;
    private Completion completion;
    private BpfshCompleter completer;

    private static final Completion.Cand ALIAS = partial("alias/", "alias/", "dir");
    private static final Completion.Cand COUNTERS = whole("counters", "counters", "map hash");
    private static final Completion.Cand DANGLING = whole("dangling", "dangling", null);
    private static final Completion.Cand EMPTY = partial("empty/", "empty/", "dir");
    private static final Completion.Cand FILTER = whole("filter", "filter", "prog socket_filter");
    private static final Completion.Cand NS1 = partial("ns1/", "ns1/", "dir");
    private static final Completion.Cand TABLE = whole("table", "table", "map array");

    @BeforeEach
    void setUp() throws Exception {
        tree = new BpffsTree("BpffsPathCompletionKernelTest");
        completer = ShellCommandTable.completer(new FakeSessionView(tree.root));
        completion = new Completion();
    }

    @AfterEach
    void tearDown() {
        completion.close();
        tree.close();
    }

    @Test
    void listsTheRootWithKinds() {
        List<Completion.Cand> all = sorted(ALIAS, COUNTERS, DANGLING, EMPTY, FILTER, NS1, TABLE);
        assertEquals(all, completion.complete(completer, "ls "));
        assertEquals(all, completion.complete(completer, "ls -l co"), "JLine filters by what is typed");
        assertEquals(all, completion.complete(completer, "get "));
        assertEquals(all, completion.complete(completer, "unpin --recursive "));
    }

    @Test
    void walksIntoDirectories() {
        assertEquals(sorted(partial("ns1/deep/", "deep/", "dir"), whole("ns1/inner", "inner", "map lru_hash")),
                completion.complete(completer, "ls ns1/"));
        assertEquals(sorted(whole("ns1/deep/leaf", "leaf", null), whole("ns1/deep/prog2", "prog2", "prog socket_filter")),
                completion.complete(completer, "unpin ns1/deep/p"),
                "only what matches is opened: JLine will not show leaf, so its label is not worth the time");
        assertEquals(sorted(partial("alias/deep/", "deep/", "dir"), whole("alias/inner", "inner", "map lru_hash")),
                completion.complete(completer, "ls alias/"), "through a symlink to a directory");
        assertEquals(List.of(), completion.complete(completer, "ls empty/"));
        assertEquals(List.of(), completion.complete(completer, "ls nosuch/"));
        assertEquals(List.of(), completion.complete(completer, "ls counters/"));
    }

    @Test
    void absolutePathsAsTyped() {
        String ns1 = tree.root.resolve("ns1") + "/";
        assertEquals(sorted(partial(ns1 + "deep/", "deep/", "dir"), whole(ns1 + "inner", "inner", "map lru_hash")),
                completion.complete(completer, "ls " + ns1));
    }

    @Test
    void onlyPathsInsideTheRootOrOnTheWayToItAreOffered(@TempDir Path host) throws Exception {
        Files.createDirectory(host.resolve("sub"));
        assertEquals(List.of(), completion.complete(completer, "ls " + host + "/"), "outside the root");
        Path parent = tree.root.getParent();
        String rootName = tree.root.getFileName() + "/";
        assertEquals(List.of(partial(parent + "/" + rootName, rootName, "dir")),
                completion.complete(completer, "get " + parent + "/"), "siblings of the root are refused by get");
        assertEquals(List.of(partial("/" + tree.root.getName(0) + "/", tree.root.getName(0) + "/", "dir")),
                completion.complete(completer, "ls /"));
    }

    @Test
    void kernelInternalEntriesAreOfferedWithoutALabel() {
        Path debug = Bpffs.DEFAULT_ROOT.resolve("maps.debug");
        // bpf_preload (CONFIG_BPF_PRELOAD) makes it; CI's kernel has it, so there a missing one fails
        if (io.bpfsh.engine.testing.KernelAvailability.requiredByCi()) {
            assertTrue(Files.exists(debug), "CI's kernel preloads " + debug);
        }
        Assumptions.assumeTrue(Files.exists(debug), "no bpf_preload maps.debug here");
        BpfshCompleter atDefaultRoot = ShellCommandTable.completer(new FakeSessionView(Bpffs.DEFAULT_ROOT));
        List<Completion.Cand> got = completion.complete(atDefaultRoot, "ls /sys/fs/bpf/maps");
        assertTrue(got.contains(whole(debug.toString(), "maps.debug", null)), got.toString());
    }

    @Test
    void pinPathOfPin() {
        assertEquals(sorted(partial("ns1/deep/", "deep/", "dir"), whole("ns1/inner", "inner", "map lru_hash")),
                completion.complete(completer, "pin @h ns1/"));
    }

    @Test
    void mapCommandsOfferMapsAndDirectoriesOnly() {
        List<Completion.Cand> expected = sorted(partial("ns1/deep/", "deep/", "dir"), whole("ns1/inner", "inner", "map lru_hash"));
        for (String cmd : List.of("dump", "lookup", "update", "delete")) {
            assertEquals(expected, completion.complete(completer, cmd + " ns1/"), cmd);
        }
        assertEquals(sorted(whole("ns1/deep/leaf", "leaf", "map array")), completion.complete(completer, "dump ns1/deep/"));
        assertEquals(sorted(whole("ns1/deep/leaf", "leaf", "map array"), whole("ns1/deep/prog2", "prog2", "prog socket_filter")),
                completion.complete(completer, "info ns1/deep/"), "info takes any object");
    }

    @Test
    void pinPathsAfterTheSectionOfAnOption() {
        assertEquals(sorted(partial("maps/a=ns1/deep/", "deep/", "dir"), whole("maps/a=ns1/inner", "inner", "map lru_hash")),
                completion.complete(completer, "load x.o --pin-path maps/a=ns1/"));
        assertEquals(sorted(partial("--pin-path=maps/a=ns1/deep/", "deep/", "dir"),
                        whole("--pin-path=maps/a=ns1/inner", "inner", "map lru_hash")),
                completion.complete(completer, "load x.o --pin-path=maps/a=ns1/"));
        assertEquals(sorted(partial("maps/a=ns1/deep/", "deep/", "dir"), whole("maps/a=ns1/inner", "inner", "map lru_hash")),
                completion.complete(completer, "close m --unpin maps/a=ns1/"));
    }

    @Test
    void aPinReplacedAtTheSamePathGetsItsNewLabel() throws Exception {
        tree.pin(tree.map(MapType.HASH), "swap");
        assertEquals(List.of(whole("swap", "swap", "map hash")),
                completion.complete(completer, "ls sw").stream().filter(c -> c.value().equals("swap")).toList());
        Files.delete(tree.root.resolve("swap"));
        tree.pin(tree.program(), "swap");
        assertEquals(List.of(whole("swap", "swap", "prog socket_filter")),
                completion.complete(completer, "ls sw").stream().filter(c -> c.value().equals("swap")).toList(),
                "a new pin has a new inode, so the cached label is not used");
    }

    @Test
    void labelsWithinTheBudgetMatchesFirstAndTheRestOnLaterTabs() {
        tree.mkdir("budget");
        try {
            for (String name : List.of("p1", "p2", "p3")) {
                tree.pin(tree.map(MapType.ARRAY), "budget/" + name);
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        BpfshCompleter oneOpen = new BpfshCompleter(ShellCommandTable.TABLE, new FakeSessionView(tree.root), () -> tree.root,
                new PinLabels.Limits(1, Duration.ofSeconds(10)));
        assertEquals(sorted(whole("budget/p1", "p1", null), whole("budget/p2", "p2", null), whole("budget/p3", "p3", "map array")),
                completion.complete(oneOpen, "ls budget/p3"), "what matches is labelled first");
        assertEquals(sorted(whole("budget/p1", "p1", "map array"), whole("budget/p2", "p2", null), whole("budget/p3", "p3", "map array")),
                completion.complete(oneOpen, "ls budget/"), "p3 from the cache, p1 within the budget");
        assertEquals(sorted(whole("budget/p1", "p1", "map array"), whole("budget/p2", "p2", "map array"), whole("budget/p3", "p3", "map array")),
                completion.complete(oneOpen, "ls budget/"));
    }

    @Test
    void withoutBudgetEverythingIsOfferedUnlabelledEvenWhereMapsAreWanted() {
        BpfshCompleter noOpens = new BpfshCompleter(ShellCommandTable.TABLE, new FakeSessionView(tree.root), () -> tree.root,
                new PinLabels.Limits(0, Duration.ZERO));
        assertEquals(sorted(ALIAS, whole("counters", "counters", null), DANGLING, EMPTY, whole("filter", "filter", null),
                        NS1, whole("table", "table", null), partial("id:", "id:", "a live map by id")),
                completion.complete(noOpens, "dump "));
    }

    @Test
    void closesEveryFdItOpens() {
        List<String> lines = List.of("ls ", "info ns1/deep/", "dump ns1/", "info id:", "ls dangling");
        for (String line : lines) {
            completion.complete(ShellCommandTable.completer(new FakeSessionView(tree.root)), line); // warm up the JVM's own files
        }
        int before = OpenFds.count();
        for (int i = 0; i < 50; i++) {
            BpfshCompleter fresh = ShellCommandTable.completer(new FakeSessionView(tree.root)); // nothing cached: opens again
            for (String line : lines) {
                completion.complete(fresh, line);
            }
        }
        assertEquals(before, OpenFds.count());
    }
}
