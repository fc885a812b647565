package io.bpfsh.engine.load;

import io.bpfsh.engine.spec.ProgramSpec;
import io.bpfsh.engine.sys.BpfProgram;
import io.bpfsh.engine.sys.ProgType;

/** A program of a loaded module. */
public final class LoadedProgram {
    private final ProgramSpec spec;
    private final BpfProgram program;

    LoadedProgram(ProgramSpec spec, BpfProgram program) {
        this.spec = spec;
        this.program = program;
    }

    /** The ELF section, gobpf's key for programs ("socket/dummy", "xdp"). */
    public String section() {
        return spec.section();
    }

    /** The function name. */
    public String name() {
        return spec.name();
    }

    /** The type the program was loaded with (the section's, or the one the load was given). */
    public ProgType type() {
        return program.type();
    }

    public ProgramSpec spec() {
        return spec;
    }

    public BpfProgram program() {
        return program;
    }

    /** The verifier's log of the load, when {@link LoadOptions#keepVerifierLog()} asked for it; else empty. */
    public String verifierLog() {
        return program.verifierLog();
    }
}
