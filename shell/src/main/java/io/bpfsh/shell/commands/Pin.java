package io.bpfsh.shell.commands;

import io.bpfsh.completions.ArgKind;
import io.bpfsh.completions.Completes;
import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.fs.Bpffs;
import io.bpfsh.engine.fs.PinPath;
import io.bpfsh.engine.sys.BpfObject;
import io.bpfsh.shell.Refs;
import io.bpfsh.shell.output.JsonWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "pin",
        description = {"Pin a map, program or link at a path on the bpffs.",
                "Missing directories are created (mode 0700). The path must lie inside the bpffs root and "
                        + "its names must not contain '.', which bpffs refuses. A pin keeps the object "
                        + "alive after every FD is closed, until unpin. With --replace an object already pinned at "
                        + "PATH is replaced in one step (pinned beside it, then renamed over it): whoever opens "
                        + "PATH meanwhile gets the old object or the new one, never nothing; the old object "
                        + "lives on for whoever holds it."},
        footer = {"  pin custom:dummy_array_custom backup/custom_copy",
                "  pin id:42 /sys/fs/bpf/debug/map42", "  pin @h other/place",
                "  pin --replace v2:flows flows          point readers of flows at the new map"})
final class Pin extends ShellCommand {
    @Completes(ArgKind.REF)
    @Parameters(index = "0", paramLabel = "REF", description = "The object: MODULE:NAME, @NAME, id:N (a map, or a program when no map has that id; id:map:N or id:prog:N say which) or a pin path.")
    private String ref;

    @Completes(ArgKind.PIN_PATH)
    @Parameters(index = "1", paramLabel = "PATH", description = "Where to pin, absolute or relative to the bpffs root.")
    private String path;

    @Completes(ArgKind.FLAG)
    @Option(names = "--replace", description = "Replace what is pinned at PATH in one step (atomic rename).")
    private boolean replace;

    @Override
    protected void execute() throws EngineException {
        Bpffs fs = session.mountedBpffs();
        PinPath at = fs.resolve(path); // a bad path fails before anything is opened
        try (Refs.Resolved<BpfObject> r = Refs.object(session, ref)) {
            BpfObject o = r.object();
            boolean replaced = replace && fs.exists(at);
            List<Path> created;
            if (replace) {
                created = fs.createParents(at);
                try {
                    fs.replacePin(o, at);
                } catch (EngineException | RuntimeException e) {
                    fs.removeEmptyDirectories(created);
                    throw e;
                }
            } else {
                created = fs.pinCreatingParents(o, at);
            }
            if (json()) {
                JsonWriter w = jsonWriter().beginObject().field("pinned", at.toString()).field("replaced", replaced)
                        .field("kind", o.kind().displayName()).field("id", o.id()).name("created_directories")
                        .beginArray();
                for (Path d : created) {
                    w.value(d.toString());
                }
                w.endArray().endObject().endDocument();
            } else {
                for (Path d : created) {
                    confirm("created directory " + d);
                }
                confirm(replaced ? "replaced the pin at " + at + " with " + Get.describe(o)
                        : "pinned " + Get.describe(o) + " at " + at);
            }
        }
    }
}
