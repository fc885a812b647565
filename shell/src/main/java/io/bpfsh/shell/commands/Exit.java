package io.bpfsh.shell.commands;

import picocli.CommandLine.Command;

@Command(name = "exit",
        description = "End the session (Ctrl-D does the same at the prompt). Every FD the session holds "
                + "is closed; nothing is unpinned, so pinned maps live on.",
        footer = {"  exit"})
final class Exit extends ShellCommand {
    @Override
    protected void execute() {
        session.requestExit();
    }
}
