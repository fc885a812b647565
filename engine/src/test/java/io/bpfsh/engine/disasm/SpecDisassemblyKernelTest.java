package io.bpfsh.engine.disasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.spec.ObjectSpec;
import io.bpfsh.engine.spec.ObjectSpecException;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.Samples;
import java.util.List;
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
        assertTrue(callee.label() != null, "the called function has a label");
        assertEquals("tag_large", d.instructions().get(0).function());
        String listing = d.listing(false);
        assertTrue(listing.startsWith("tag_large:\n   0: (b7) r2 = 1\n"), listing);
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
}
