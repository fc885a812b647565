package io.bpfsh.shell.commands;

import io.bpfsh.completions.ArgKind;
import io.bpfsh.completions.Completes;
import io.bpfsh.engine.EngineException;
import io.bpfsh.shell.Handle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "release",
        description = "Close a handle's FD and forget its name; the pin stays.",
        footer = {"  release @h", "  release h"})
final class Release extends ShellCommand {
    @Completes(ArgKind.HANDLE)
    @Parameters(index = "0", paramLabel = "NAME", description = "The handle, with or without the '@'.")
    private String name;

    @Override
    protected void execute() throws EngineException {
        Handle h = session.removeHandle(name);
        String what = Get.describe(h.object());
        h.object().close();
        if (json()) {
            jsonWriter().beginObject().field("released", h.name()).endObject().endDocument();
        } else {
            confirm("released @" + h.name() + " (" + what + ")");
        }
    }
}
