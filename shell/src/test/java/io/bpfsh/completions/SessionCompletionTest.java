package io.bpfsh.completions;

import static io.bpfsh.completions.Completion.partial;
import static io.bpfsh.completions.Completion.sorted;
import static io.bpfsh.completions.Completion.whole;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the session knows: modules, their maps and sections, handles, the map sections of an object
 * file, command names for help, and update's flags. The bpffs root is an empty directory here, so the
 * pin-path part of a REF adds nothing (the kernel tests cover it).
 */
class SessionCompletionTest {
    @TempDir
    Path work;
    @TempDir
    Path emptyRoot;
    private FakeSessionView view;
    private BpfshCompleter completer;
    private Completion completion;

    @BeforeEach
    void setUp() {
        view = new FakeSessionView(emptyRoot)
                .module("custom", List.of("dummy_hash", "dummy_array"), List.of("socket/dummy", "xdp"),
                        List.of("maps/dummy_hash", "maps/dummy_array"))
                .module("global", List.of("counter"), List.of(), List.of("maps/counter"))
                .recordTypes("custom", List.of("struct event", "__u32"))
                .handle("h1").handle("ro")
                .object(work.resolve("samples/custom.o"), List.of("maps/dummy_hash", "maps/dummy_array"))
                .variables(work.resolve("samples/config.o"), List.of("cfg_divisor", "seen"));
        completer = new BpfshCompleter(ShellCommandTable.TABLE, view, () -> work, ShellCommandTable.UNTIMED);
        completion = new Completion();
    }

    @AfterEach
    void tearDown() {
        completion.close();
    }

    @Test
    void moduleNames() {
        List<Completion.Cand> modules = sorted(whole("custom", "custom", "module"), whole("global", "global", "module"));
        assertEquals(modules, completion.complete(completer, "close "));
        assertEquals(modules, completion.complete(completer, "close --unpin-all c"));
        assertEquals(modules, completion.complete(completer, "maps "));
        assertEquals(modules, completion.complete(completer, "progs "));
        assertEquals(List.of(), completion.complete(completer, "maps custom "), "maps takes one MODULE");
    }

    @Test
    void handleNamesForRelease() {
        assertEquals(sorted(whole("h1", "h1", "handle"), whole("ro", "ro", "handle")),
                completion.complete(completer, "release "));
    }

    @Test
    void commandNamesForHelpOnly() {
        List<Completion.Cand> got = completion.complete(completer, "help ");
        assertEquals(ShellCommandTable.TABLE.all().stream().map(c -> whole(c.name(), c.name(), c.synopsis()))
                .sorted(java.util.Comparator.comparing(Completion.Cand::value)).toList(), got);
        assertEquals(whole("update", "update", "update REF KEY VALUE... [--noexist|--exist] [--cpu N|all]"),
                got.stream().filter(c -> c.value().equals("update")).findFirst().orElseThrow());
        assertEquals(List.of(), completion.complete(completer, ""), "command names are picocli's");
        assertEquals(List.of(), completion.complete(completer, "lo"), "command names are picocli's");
    }

    @Test
    void sectionsOfTheObjectFileOnTheLine() {
        List<Completion.Cand> sections = sorted(partial("maps/dummy_array=", "maps/dummy_array", "map section"),
                partial("maps/dummy_hash=", "maps/dummy_hash", "map section"));
        assertEquals(sections, completion.complete(completer, "load samples/custom.o --pin-path "));
        assertEquals(sections, completion.complete(completer, "load samples/custom.o --max-entries "));
        assertEquals(sections, completion.complete(completer,
                "load --pin-path maps/dummy_hash=a --pin-path m" + Completion.CURSOR + " samples/custom.o"),
                "the FILE may come after the cursor");
        assertEquals(List.of(work.resolve("samples/custom.o"), work.resolve("samples/custom.o"),
                        work.resolve("samples/custom.o")),
                view.objectFilesAsked, "the FILE resolves against the working directory");
    }

    @Test
    void globalVariablesOfTheObjectFileOnTheLine() {
        assertEquals(sorted(partial("cfg_divisor=", "cfg_divisor", "global variable"),
                        partial("seen=", "seen", "global variable")),
                completion.complete(completer, "load samples/config.o --set "));
        assertEquals(List.of(), completion.complete(completer, "load samples/config.o --set seen="), "a value");
        assertEquals(List.of(), completion.complete(completer, "load samples/custom.o --set "), "it has none");
    }

    @Test
    void sectionsInline() {
        assertEquals(sorted(partial("--pin-path=maps/dummy_array=", "maps/dummy_array", "map section"),
                        partial("--pin-path=maps/dummy_hash=", "maps/dummy_hash", "map section")),
                completion.complete(completer, "load samples/custom.o --pin-path=maps/"));
        assertEquals(List.of(), completion.complete(completer, "load samples/custom.o --max-entries maps/dummy_hash="),
                "N is a number");
    }

    @Test
    void recordTypesOfTheModuleOfTheMapOnTheLine() {
        assertEquals(sorted(whole("__u32", "__u32", "__u32"), whole("event", "event", "struct event")),
                completion.complete(completer, "events custom:dummy_hash --type "));
        assertEquals(List.of(), completion.complete(completer, "events global:counter --type "), "no BTF types");
        assertEquals(List.of(), completion.complete(completer, "events ring --type "), "a pin names no module");
    }

    @Test
    void noSectionsWithoutAFile() {
        assertEquals(List.of(), completion.complete(completer, "load --pin-path "));
        assertEquals(List.of(), completion.complete(completer, "load other.o --pin-path "), "unreadable: nothing");
    }

    @Test
    void sectionsOfTheModuleOnTheLineForUnpin() {
        List<Completion.Cand> sections = sorted(whole("maps/dummy_array", "maps/dummy_array", "map section"),
                whole("maps/dummy_hash", "maps/dummy_hash", "map section"));
        assertEquals(sections, completion.complete(completer, "close custom --unpin "));
        assertEquals(sorted(whole("--unpin=maps/dummy_array", "maps/dummy_array", "map section"),
                        whole("--unpin=maps/dummy_hash", "maps/dummy_hash", "map section")),
                completion.complete(completer, "close custom --unpin="));
        assertEquals(List.of(), completion.complete(completer, "close --unpin "), "no MODULE on the line");
        assertEquals(List.of(), completion.complete(completer, "close nosuch --unpin "));
    }

    @Test
    void updateOffersItsModeFlags() {
        List<Completion.Cand> flags = sorted(whole("--noexist", "--noexist", "only create: fail if the key exists"),
                whole("--exist", "--exist", "only replace: fail if the key is missing"));
        assertEquals(flags, completion.complete(completer, "update custom:dummy_hash 1 2 "));
        assertEquals(flags, completion.complete(completer, "update custom:dummy_hash -1 \"abc\" "));
        assertEquals(List.of(), completion.complete(completer, "update custom:dummy_hash 1 2 --exist "));
        assertEquals(flags, completion.complete(completer, "update custom:dummy_hash 1 2 --"),
                "picocli offers no option names after a positional (PicocliAggregateTest)");
        assertEquals(List.of(), completion.complete(completer, "update --"), "before the REF picocli offers them");
        assertEquals(List.of(), completion.complete(completer, "update custom:dummy_hash 1 "), "KEY and VALUE are free");
        assertEquals(List.of(), completion.complete(completer, "lookup custom:dummy_hash "));
    }

    @Test
    void moduleReferences() {
        assertEquals(sorted(whole("custom:dummy_array", "dummy_array", "map"), whole("custom:dummy_hash", "dummy_hash", "map"),
                        whole("custom:socket/dummy", "socket/dummy", "prog"), whole("custom:xdp", "xdp", "prog")),
                completion.complete(completer, "info custom:"));
        assertEquals(sorted(whole("custom:dummy_array", "dummy_array", "map"), whole("custom:dummy_hash", "dummy_hash", "map")),
                completion.complete(completer, "dump custom:d"), "dump wants a map: no program sections");
        assertEquals(sorted(whole("global:counter", "counter", "map")), completion.complete(completer, "pin global:"));
    }

    @Test
    void handleReferences() {
        assertEquals(sorted(whole("@h1", "@h1", "handle"), whole("@ro", "@ro", "handle")),
                completion.complete(completer, "dump @"));
    }

    @Test
    void anEmptyReferenceOffersWhatAReferenceCanStartWith() {
        assertEquals(sorted(partial("custom:", "custom:", "module"), partial("global:", "global:", "module"),
                        whole("@h1", "@h1", "handle"), whole("@ro", "@ro", "handle"),
                        partial("id:", "id:", "a live map or program by id")),
                completion.complete(completer, "info "));
        assertEquals(sorted(partial("custom:", "custom:", "module"), partial("global:", "global:", "module"),
                        whole("@h1", "@h1", "handle"), whole("@ro", "@ro", "handle"),
                        partial("id:", "id:", "a live map by id")),
                completion.complete(completer, "lookup "));
    }

    @Test
    void freeTextIsNotCompleted() {
        assertEquals(List.of(), completion.complete(completer, "load x.o --as "));
        assertEquals(List.of(), completion.complete(completer, "get p --as "));
        assertEquals(List.of(), completion.complete(completer, "modules "));
        assertEquals(List.of(), completion.complete(completer, "exit "));
    }
}
