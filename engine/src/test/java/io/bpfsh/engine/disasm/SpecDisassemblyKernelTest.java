package io.bpfsh.engine.disasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.load.LoadedProgram;
import io.bpfsh.engine.load.Module;
import io.bpfsh.engine.spec.ObjectSpec;
import io.bpfsh.engine.spec.ObjectSpecException;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.Samples;
import io.bpfsh.engine.testing.TestBpffs;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Disassembly of an object's program before it is loaded: linked subprograms, helper names from the
 * running kernel's BTF (hence a kernel test: it reads /sys/kernel/btf/vmlinux), maps by name.
 */
@KernelTest
class SpecDisassemblyKernelTest {
    @Test
    void linkedProgramWithHelperAndMapNames() throws Exception {
        ObjectSpec spec = ObjectSpec.read(Samples.object("modern_subprogs.o"));
        Disassembly d = SpecDisassembler.of(spec, "xdp/tag_large");
        List<String> text = d.instructions().stream().map(DecodedInstruction::text).toList();
        assertTrue(text.contains("(18) r1 = map[name:results]"), text.toString());
        assertTrue(text.contains("(85) call bpf_map_update_elem#2"), text.toString());
        DecodedInstruction call = d.instructions().stream().filter(i -> i.text().startsWith("(85) call pc+"))
                .findFirst().orElseThrow();
        DecodedInstruction callee = d.instructions().stream().filter(i -> i.index() == call.jumpTarget())
                .findFirst().orElseThrow();
        assertEquals("large_tag", callee.label(), "the called function is labelled by its name (BTF func info)");
        assertEquals("__u32 large_tag(__u32 len)", callee.function());
        assertEquals("int tag_large(struct xdp_md * ctx)", d.instructions().get(0).function());
        String listing = d.listing(false);
        assertTrue(listing.startsWith("int tag_large(struct xdp_md * ctx):\n; int tag_large(struct xdp_md *ctx)\n"
                + "   0: (b7) r2 = 1\n"), listing);
        assertTrue(listing.contains(call.text() + " <" + callee.label() + ">"), listing);
        assertEquals(d.instructions().size(), text.size());
        assertEquals(1, text.stream().filter(t -> t.startsWith("(18)")).count(), "the ld_imm64 counts once");
    }

    @Test
    void aSectionWithoutAProgramIsNamed() throws Exception {
        ObjectSpec spec = ObjectSpec.read(Samples.object("xdp_counter.o"));
        ObjectSpecException e = assertThrows(ObjectSpecException.class, () -> SpecDisassembler.of(spec, "xdp/nope"));
        assertEquals(Samples.object("xdp_counter.o") + ": no program in section xdp/nope (its programs: xdp/count)",
                e.getMessage());
    }

    /** The object's line records, placed by the linker, name the same source lines the kernel reports after loading. */
    @Test
    void sourceLinesMatchTheLoadedProgramsOwn() throws Exception {
        try (TestBpffs fs = new TestBpffs("SpecDisassemblyKernelTest");
             Module m = Module.open(Samples.object("modern_subprogs.o"), fs.bpffs())) {
            m.load(Map.of());
            for (LoadedProgram p : m.programs()) {
                Map<Integer, String> before = lines(SpecDisassembler.of(m.spec(), p.spec()));
                Map<Integer, String> after = lines(ProgramDisassembler.of(p.program()));
                assertTrue(!before.isEmpty(), p.section() + " has line info");
                assertEquals(after, before, p.section());
            }
        }
    }

    private static Map<Integer, String> lines(Disassembly d) {
        Map<Integer, String> m = new TreeMap<>();
        d.instructions().forEach(i -> i.source().ifPresent(s -> m.put(i.index(), s.file() + ":" + s.line() + ":"
                + s.column() + " " + s.text())));
        return m;
    }
}
