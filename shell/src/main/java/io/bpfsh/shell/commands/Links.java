package io.bpfsh.shell.commands;

import io.bpfsh.completions.ArgKind;
import io.bpfsh.completions.Completes;
import io.bpfsh.engine.EngineException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "links",
        description = {"List the session's links (made by attach, or opened with get): id, type, program, where it "
                + "is attached, handle and pins.",
                "With --all, every link in the kernel, whoever made it, with the pins under the bpffs root that "
                        + "hold it."},
        footer = {"  links", "  links --all", "  links --all --json"})
final class Links extends ShellCommand {
    @Completes(ArgKind.FLAG)
    @Option(names = "--all", description = "Every link in the kernel.")
    private boolean all;

    @Override
    protected void execute() throws EngineException {
        KernelListing.links(this, all);
    }
}
