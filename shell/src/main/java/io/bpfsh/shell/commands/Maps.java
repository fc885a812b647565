package io.bpfsh.shell.commands;

import io.bpfsh.completions.ArgKind;
import io.bpfsh.completions.Completes;
import io.bpfsh.engine.EngineException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "maps",
        description = "List the maps of the loaded modules: name, type, key and value size, max entries, "
                + "pinning option, pin path and kernel id.",
        footer = {"  maps", "  maps custom"})
final class Maps extends ShellCommand {
    @Completes(ArgKind.MODULE)
    @Parameters(arity = "0..1", paramLabel = "MODULE", description = "Only this module's maps.")
    private String module;

    @Override
    protected void execute() throws EngineException {
        ModuleListing.MAPS.print(this, module);
    }
}
