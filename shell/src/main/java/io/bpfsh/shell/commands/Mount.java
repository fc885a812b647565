package io.bpfsh.shell.commands;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.fs.Bpffs;
import io.bpfsh.shell.CommandException;
import picocli.CommandLine.Command;

@Command(name = "mount",
        description = {"Mount a bpffs at the bpffs root (--bpffs) when none is there.",
                "The root must not exist (its parent must) or be an empty directory: it never mounts over a "
                        + "directory that holds anything. Commands that need bpffs mount it by themselves, "
                        + "saying so on stderr, unless bpfsh runs with --no-mount."},
        footer = {"  mount"})
final class Mount extends ShellCommand {
    @Override
    protected void execute() throws EngineException {
        Bpffs fs = session.bpffs();
        if (session.settings().noMount() && !fs.isMounted()) {
            throw new CommandException("mount: bpfsh runs with --no-mount; " + fs.root() + " is not on a bpffs");
        }
        boolean mounted = fs.mount();
        if (json()) {
            jsonWriter().beginObject().field("root", fs.root().toString()).field("mounted", mounted)
                    .endObject().endDocument();
        } else {
            confirm(mounted ? "mounted bpffs at " + fs.root() : "bpffs already mounted at " + fs.root());
        }
    }
}
