package io.bpfsh.shell.commands;

import io.bpfsh.completions.ArgKind;
import io.bpfsh.completions.Completes;
import io.bpfsh.engine.EngineException;
import io.bpfsh.shell.CommandException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "progs",
        description = "List the programs of the loaded modules: section, function, type, kernel id and tag.",
        footer = {"  progs", "  progs custom", "  info custom:socket/dummy", "  progs --all"})
final class Progs extends ShellCommand {
    @Completes(ArgKind.MODULE)
    @Parameters(arity = "0..1", paramLabel = "MODULE", description = "Only this module's programs.")
    private String module;

    @Completes(ArgKind.FLAG)
    @Option(names = "--all", description = "Every program in the kernel, whoever made it: id, type, name, tag, where it is attached, and the pins under the bpffs root that hold it.")
    private boolean all;

    @Override
    protected void execute() throws EngineException {
        if (all) {
            if (module != null) {
                throw new CommandException("progs: give MODULE or --all, not both");
            }
            KernelListing.programs(this);
            return;
        }
        ModuleListing.PROGRAMS.print(this, module);
    }
}
