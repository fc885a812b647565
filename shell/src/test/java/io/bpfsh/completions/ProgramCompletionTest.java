package io.bpfsh.completions;

import static io.bpfsh.completions.Completion.partial;
import static io.bpfsh.completions.Completion.sorted;
import static io.bpfsh.completions.Completion.whole;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a program is wanted (run, disasm), programs are offered and maps are not. */
class ProgramCompletionTest {
    @TempDir
    Path work;
    @TempDir
    Path emptyRoot;
    private BpfshCompleter completer;
    private Completion completion;

    @BeforeEach
    void setUp() throws Exception {
        Files.createDirectories(work.resolve("samples"));
        Files.write(work.resolve("samples/filter.o"), new byte[0]);
        Files.write(work.resolve("samples/packet.bin"), new byte[0]);
        FakeSessionView view = new FakeSessionView(emptyRoot)
                .module("custom", List.of("dummy_hash"), List.of("socket/dummy", "xdp"), List.of("maps/dummy_hash"))
                .objectPrograms(work.resolve("samples/filter.o"), List.of("xdp", "tc"));
        completer = new BpfshCompleter(ShellCommandTable.TABLE, view, () -> work, ShellCommandTable.UNTIMED);
        completion = new Completion();
    }

    @AfterEach
    void tearDown() {
        completion.close();
    }

    @Test
    void programsOfAModuleButNoMaps() {
        List<Completion.Cand> progs = sorted(whole("custom:socket/dummy", "socket/dummy", "prog"),
                whole("custom:xdp", "xdp", "prog"));
        assertEquals(progs, completion.complete(completer, "run custom:"));
        assertEquals(progs, completion.complete(completer, "disasm custom:"));
    }

    @Test
    void theProgramSectionsOfTheObjectFileOnTheLine() {
        assertEquals(sorted(whole("tc", "tc", "program section"), whole("xdp", "xdp", "program section")),
                completion.complete(completer, "disasm samples/filter.o "));
        assertTrue(completion.complete(completer, "disasm samples/").stream()
                .anyMatch(c -> c.value().equals("samples/filter.o")), "object files are offered beside REFs");
    }

    @Test
    void loadTypeOffersTheFilesSectionsThenProgramTypes() {
        List<Completion.Cand> all = completion.complete(completer, "load samples/filter.o --type ");
        assertTrue(all.containsAll(List.of(partial("tc=", "tc", "program section"),
                partial("xdp=", "xdp", "program section"), whole("socket_filter", "socket_filter", "program type"))),
                all.toString());
        List<Completion.Cand> types = completion.complete(completer, "load samples/filter.o --type tc=sched_");
        assertTrue(types.contains(whole("tc=sched_cls", "sched_cls", "program type")), types.toString());
        assertTrue(types.stream().allMatch(c -> c.description().equals("program type")), "after '=' only types");
    }

    @Test
    void anyFileForTheData() {
        assertTrue(completion.complete(completer, "run custom:xdp --data-file samples/").stream()
                .anyMatch(c -> c.value().equals("samples/packet.bin")));
    }
}
