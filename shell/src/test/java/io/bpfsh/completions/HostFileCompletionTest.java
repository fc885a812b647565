package io.bpfsh.completions;

import static io.bpfsh.completions.Completion.partial;
import static io.bpfsh.completions.Completion.sorted;
import static io.bpfsh.completions.Completion.whole;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * load FILE prefers *.o and source FILE prefers *.bpfsh: directories and preferred files are offered,
 * other files only when no preferred file starts with what is typed.
 */
class HostFileCompletionTest {
    @TempDir
    Path work;
    private Completion completion;
    private BpfshCompleter completer;

    @BeforeEach
    void setUp() throws IOException {
        // work/
        //   samples/ a.o b.o a.c b.c README.md tour.bpfsh
        //   other/   notes.txt
        //   x.o  run.bpfsh  .hidden.o  .git/  build -> samples (a symlink to a directory)
        Path samples = Files.createDirectory(work.resolve("samples"));
        for (String f : List.of("a.o", "b.o", "a.c", "b.c", "README.md", "tour.bpfsh")) {
            Files.createFile(samples.resolve(f));
        }
        Files.createFile(Files.createDirectory(work.resolve("other")).resolve("notes.txt"));
        Files.createFile(work.resolve("x.o"));
        Files.createFile(work.resolve("run.bpfsh"));
        Files.createFile(work.resolve(".hidden.o"));
        Files.createDirectory(work.resolve(".git"));
        Files.createSymbolicLink(work.resolve("build"), samples);
        // the bpffs root does not matter here: these commands take host files
        completer = new BpfshCompleter(ShellCommandTable.TABLE, new FakeSessionView(work), () -> work, ShellCommandTable.UNTIMED);
        completion = new Completion();
    }

    @AfterEach
    void tearDown() {
        completion.close();
    }

    @Test
    void loadOffersDirectoriesAndObjects() {
        assertEquals(sorted(partial("build/", "build/", null), partial("other/", "other/", null),
                        partial("samples/", "samples/", null), whole("x.o", "x.o", null)),
                completion.complete(completer, "load "));
        assertEquals(sorted(whole("samples/a.o", "a.o", null), whole("samples/b.o", "b.o", null)),
                completion.complete(completer, "load samples/"));
        assertEquals(sorted(whole("build/a.o", "a.o", null), whole("build/b.o", "b.o", null)),
                completion.complete(completer, "load build/"), "a symlink to a directory is a directory");
        assertEquals(sorted(whole("samples/a.o", "a.o", null), whole("samples/b.o", "b.o", null)),
                completion.complete(completer, "load samples/a"),
                "a.c also starts with 'a', but an object matches, so sources stay hidden");
    }

    @Test
    void loadOffersOtherFilesWhenNoObjectMatches() {
        assertEquals(sorted(whole("samples/README.md", "README.md", null), whole("samples/a.c", "a.c", null),
                        whole("samples/a.o", "a.o", null), whole("samples/b.c", "b.c", null),
                        whole("samples/b.o", "b.o", null), whole("samples/tour.bpfsh", "tour.bpfsh", null)),
                completion.complete(completer, "load samples/R"),
                "no object starts with R: every file is offered, and JLine keeps those that match");
        assertEquals(sorted(whole("other/notes.txt", "notes.txt", null)), completion.complete(completer, "load other/"));
    }

    @Test
    void hiddenEntriesOnlyWhenTheNameStartsWithADot() {
        assertEquals(sorted(partial(".git/", ".git/", null), partial("build/", "build/", null),
                        partial("other/", "other/", null), partial("samples/", "samples/", null),
                        whole(".hidden.o", ".hidden.o", null), whole("x.o", "x.o", null)),
                completion.complete(completer, "load ."));
    }

    @Test
    void absolutePathsAsTyped() {
        String dir = work.resolve("samples") + "/";
        assertEquals(sorted(whole(dir + "a.o", "a.o", null), whole(dir + "b.o", "b.o", null)),
                completion.complete(completer, "load " + dir));
    }

    @Test
    void theFileMayFollowOptions() {
        assertEquals(sorted(whole("samples/a.o", "a.o", null), whole("samples/b.o", "b.o", null)),
                completion.complete(completer, "load --as m --pin-path maps/x=y samples/"));
    }

    @Test
    void sourcePrefersBatchFiles() {
        assertEquals(sorted(partial("build/", "build/", null), partial("other/", "other/", null),
                        partial("samples/", "samples/", null), whole("run.bpfsh", "run.bpfsh", null)),
                completion.complete(completer, "source "));
        assertEquals(sorted(whole("samples/tour.bpfsh", "tour.bpfsh", null)),
                completion.complete(completer, "source samples/"));
    }

    @Test
    void nothingForAMissingDirectory() {
        assertEquals(List.of(), completion.complete(completer, "load nowhere/"));
        assertEquals(List.of(), completion.complete(completer, "load x.o/"));
    }
}
