package io.bpfsh.engine.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.bpfsh.engine.testing.Bpftool;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.Libbpf;
import io.bpfsh.engine.testing.Samples;
import io.bpfsh.engine.testing.TestBpffs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The kernel holds the same translated instructions for each program whether bpfsh or libbpf (bpftool prog loadall)
 * loaded the object: same linking, same relocated maps, same CO-RE values, same function prototypes and source
 * lines (from the .BTF.ext records given to PROG_LOAD). Map ids differ between the two loads and are blanked, and so
 * are the program tags in JITed call targets; everything else in {@code bpftool -j prog dump xlated} is compared
 * instruction by instruction.
 */
@KernelTest
class LibbpfXlatedKernelTest {
    /** One instruction of bpftool's JSON: its text, and with BTF its function prototype and source line. */
    private static final Pattern INSN = Pattern.compile("\\{(?:[^{}\"]|\"(?:[^\"\\\\]|\\\\.)*\")*\\}");
    private TestBpffs fs;

    @BeforeEach
    void setUp() {
        fs = new TestBpffs("LibbpfXlatedKernelTest");
    }

    @AfterEach
    void tearDown() {
        fs.close();
    }

    /** The instructions as bpftool prints them, map ids and program symbols blanked. */
    static List<String> xlated(String... selector) {
        List<String> args = new ArrayList<>(List.of("-j", "prog", "dump", "xlated"));
        args.addAll(List.of(selector));
        String json = Bpftool.run(args.toArray(new String[0]));
        List<String> out = new ArrayList<>();
        Matcher m = INSN.matcher(json);
        while (m.find()) {
            out.add(m.group().replaceAll("map\\[id:\\d+\\]", "map[id:_]").replaceAll("#bpf_prog_\\w+", "#_"));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"modern_counter.o", "modern_config.o", "modern_events.o", "modern_subprog.o", "core_task.o",
            "modern_callback.o", "modern_kconfig.o", "modern_kfunc.o", "modern_mapinmap.o", "modern_tailcall.o"})
    void everyProgramTranslatesAsLibbpfs(String sample) throws Exception {
        Libbpf.Run run = Libbpf.loadall(fs, Samples.object(sample), "libbpf");
        assertEquals(0, run.exitCode(), run.output());
        Map<String, List<String>> theirs = new TreeMap<>();
        try (Stream<Path> pins = Files.list(fs.root().resolve("libbpf"))) {
            for (Path p : pins.toList()) theirs.put(p.getFileName().toString(), xlated("pinned", p.toString()));
        }
        Map<String, List<String>> ours = new TreeMap<>();
        try (Module m = Module.open(Samples.object(sample), fs.bpffs())) {
            m.load(Map.of());
            for (LoadedProgram p : m.programs()) {
                ours.put(p.name(), xlated("id", Integer.toString(p.program().id())));
            }
        }
        assertFalse(theirs.isEmpty());
        assertEquals(theirs.keySet(), ours.keySet(), "the same programs");
        for (String name : theirs.keySet()) {
            assertEquals(String.join("\n", theirs.get(name)), String.join("\n", ours.get(name)), sample + " " + name);
        }
    }
}
