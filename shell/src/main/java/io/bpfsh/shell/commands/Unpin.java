package io.bpfsh.shell.commands;

import io.bpfsh.completions.ArgKind;
import io.bpfsh.completions.Completes;
import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.fs.Bpffs;
import io.bpfsh.engine.fs.PinPath;
import io.bpfsh.shell.output.JsonWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "unpin",
        description = {"Remove a pin (the object lives on while an FD holds it).",
                "Refuses paths outside the bpffs root. A directory needs --recursive, which removes it and "
                        + "every pin and directory below it."},
        footer = {"  unpin ns1/test1", "  unpin -R ns1"})
final class Unpin extends ShellCommand {
    @Completes(ArgKind.PIN_PATH)
    @Parameters(index = "0", paramLabel = "PATH", description = "The pin or directory, absolute or relative to the bpffs root.")
    private String path;

    @Completes(ArgKind.FLAG)
    @Option(names = {"-R", "-r", "--recursive"}, description = "Remove a directory and everything below it (-R as ls has it).")
    private boolean recursive;

    @Override
    protected void execute() throws EngineException {
        Bpffs fs = session.mountedBpffs();
        PinPath p = fs.resolve(path);
        List<Path> removed;
        if (recursive) {
            removed = fs.unpinRecursive(p);
        } else {
            fs.unpin(p);
            removed = List.of(p.path());
        }
        if (json()) {
            JsonWriter w = jsonWriter().beginObject().name("unpinned").beginArray();
            for (Path r : removed) {
                w.value(r.toString());
            }
            w.endArray().endObject().endDocument();
        } else {
            for (Path r : removed) {
                confirm("unpinned " + r);
            }
        }
    }
}
