package io.bpfsh.shell.commands;

import io.bpfsh.completions.ArgKind;
import io.bpfsh.completions.Completes;
import io.bpfsh.engine.EngineException;
import io.bpfsh.shell.CommandException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "maps",
        description = "List the maps of the loaded modules: name, type, key and value size, max entries, "
                + "pinning option, pin path and kernel id.",
        footer = {"  maps", "  maps custom", "  maps --all", "  maps --all --json"})
final class Maps extends ShellCommand {
    @Completes(ArgKind.MODULE)
    @Parameters(arity = "0..1", paramLabel = "MODULE", description = "Only this module's maps.")
    private String module;

    @Completes(ArgKind.FLAG)
    @Option(names = "--all", description = "Every map in the kernel, whoever made it: id, type, name, sizes, and the pins under the bpffs root that hold it.")
    private boolean all;

    @Override
    protected void execute() throws EngineException {
        if (all) {
            if (module != null) {
                throw new CommandException("maps: give MODULE or --all, not both");
            }
            KernelListing.maps(this);
            return;
        }
        ModuleListing.MAPS.print(this, module);
    }
}
