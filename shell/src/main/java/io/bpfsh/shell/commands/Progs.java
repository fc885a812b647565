package io.bpfsh.shell.commands;

import io.bpfsh.completions.ArgKind;
import io.bpfsh.completions.Completes;
import io.bpfsh.engine.EngineException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "progs",
        description = "List the programs of the loaded modules: section, function, type, kernel id and tag.",
        footer = {"  progs", "  progs custom", "  info custom:socket/dummy"})
final class Progs extends ShellCommand {
    @Completes(ArgKind.MODULE)
    @Parameters(arity = "0..1", paramLabel = "MODULE", description = "Only this module's programs.")
    private String module;

    @Override
    protected void execute() throws EngineException {
        ModuleListing.PROGRAMS.print(this, module);
    }
}
