package io.bpfsh.shell.commands;

import io.bpfsh.completions.ArgKind;
import io.bpfsh.completions.Completes;
import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.disasm.DecodedInstruction;
import io.bpfsh.engine.disasm.Disassembly;
import io.bpfsh.engine.disasm.ProgramDisassembler;
import io.bpfsh.engine.disasm.SpecDisassembler;
import io.bpfsh.engine.spec.ObjectSpec;
import io.bpfsh.engine.sys.BpfProgram;
import io.bpfsh.shell.Refs;
import io.bpfsh.shell.output.JsonWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "disasm",
        description = {"Print a program's instructions as BPF assembly, as bpftool prog dump xlated does.",
                "For a loaded program (REF) these are the instructions the kernel holds after the verifier: "
                        + "maps by id and name, helper and kernel functions by name, JITed calls by symbol. "
                        + "Where the program was loaded with BTF line info, each source line stands above its "
                        + "instructions (--linum adds file, line and column). Jumps show the label of their "
                        + "target (<L1>), and the label stands above it. For FILE SECTION the program is not "
                        + "loaded: its instructions after linking, helpers by name from the running kernel's "
                        + "BTF, maps by name. --json: one object per instruction (an ld_imm64 counts once, as "
                        + "bpftool -j counts it) with \"disasm\", \"code\", \"dst_reg\", \"src_reg\", \"off\", \"imm\"."},
        footer = {"  disasm filter:xdp                       a program of a loaded module",
                "  disasm id:42 --linum                    by kernel id, with source file and line",
                "  disasm samples/xdp_filter.o xdp         from the object file, without loading it",
                "  disasm @prog --json"})
final class Disasm extends ShellCommand {
    @Completes(ArgKind.PROG_REF_OR_OBJECT_FILE)
    @Parameters(index = "0", paramLabel = "REF|FILE",
            description = "A loaded program (MODULE:SECTION, @NAME, id:N or a pin path), or an object file.")
    private String target;

    @Completes(ArgKind.FILE_PROGRAM_SECTION)
    @Parameters(index = "1", arity = "0..1", paramLabel = "SECTION",
            description = "With FILE: the program section (or function name) to disassemble.")
    private String section;

    @Completes(ArgKind.FLAG)
    @Option(names = "--linum", description = "Show file, line number and column with each source line.")
    private boolean linum;

    @Override
    protected void execute() throws EngineException {
        Disassembly d;
        if (section != null) {
            d = SpecDisassembler.of(ObjectSpec.read(session.resolveFile(target)), section);
        } else {
            try (Refs.Resolved<BpfProgram> r = Refs.program(session, target)) {
                d = ProgramDisassembler.of(r.object());
            }
        }
        if (!json()) {
            out().print(d.listing(linum));
            return;
        }
        JsonWriter w = jsonWriter().beginArray();
        for (DecodedInstruction i : d.instructions()) {
            w.beginObject();
            if (i.function() != null) {
                w.field("proto", i.function());
            }
            i.source().ifPresent(s -> w.field("src", s.text()).field("file", s.file()).field("line_num", s.line())
                    .field("line_col", s.column()));
            w.field("index", i.index()).field("disasm", i.text()).field("code", i.opcode()).field("dst_reg", i.dst())
                    .field("src_reg", i.src()).field("off", i.offset()).field("imm", i.imm());
            if (i.label() != null) {
                w.field("label", i.label());
            }
            if (i.jumpTarget() >= 0) {
                w.field("target", i.jumpTarget());
            }
            i.map().ifPresent(m -> {
                w.name("map").beginObject();
                if (m.id() != 0) {
                    w.field("id", m.id());
                }
                w.field("name", m.name());
                if (m.valueOffset() >= 0) {
                    w.field("value_offset", m.valueOffset());
                }
                w.endObject();
            });
            w.endObject();
        }
        w.endArray().endDocument();
    }
}
