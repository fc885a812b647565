package io.bpfsh.shell.commands;

import io.bpfsh.completions.ArgKind;
import io.bpfsh.completions.Completes;
import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.fs.Bpffs;
import io.bpfsh.engine.fs.BpffsEntry;
import io.bpfsh.engine.fs.EntryKind;
import io.bpfsh.engine.sys.MapInfo;
import io.bpfsh.shell.output.JsonWriter;
import io.bpfsh.shell.output.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ls",
        description = {"List a bpffs directory with each entry's kind: map, prog, link or dir.",
                "With -l also the type, kernel id and, for maps, key size, value size and max entries. "
                        + "An entry that cannot be opened (permissions, kernel-internal files) is listed "
                        + "as unknown."},
        footer = {"  ls                  the bpffs root", "  ls ns1 -l", "  ls -R -l"})
final class Ls extends ShellCommand {
    @Completes(ArgKind.PIN_PATH)
    @Parameters(arity = "0..1", paramLabel = "PATH",
            description = "A directory or pin, absolute or relative to the bpffs root (default: the root).")
    private String path;

    @Completes(ArgKind.FLAG)
    @Option(names = "-l", description = "Long listing: type, id and sizes.")
    private boolean long_;

    @Completes(ArgKind.FLAG)
    @Option(names = "-R", description = "Recurse into directories.")
    private boolean recursive;

    @Override
    protected void execute() throws EngineException {
        Bpffs fs = session.mountedBpffs();
        Path dir = fs.resolveDirectory(path);
        List<BpffsEntry> entries = recursive ? fs.walk(dir) : fs.list(dir);
        Path base = Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? dir : dir.getParent();
        if (json()) {
            JsonWriter w = jsonWriter().beginObject().field("path", dir.toString()).name("entries").beginArray();
            for (BpffsEntry e : entries) {
                w.beginObject().field("name", base.relativize(e.path()).toString())
                        .field("path", e.path().toString()).field("kind", e.kind().displayName());
                if (e.kind() == EntryKind.MAP || e.kind() == EntryKind.PROG || e.kind() == EntryKind.LINK) {
                    w.field("type", typeOf(e)).field("id", e.id());
                }
                if (e.linkInfo() != null) {
                    w.field("prog_id", e.linkInfo().progId()).field("attach_point", e.linkInfo().attachPoint());
                }
                MapInfo m = e.mapInfo();
                if (m != null) {
                    w.field("name_in_kernel", m.name()).field("key_size", Integer.toUnsignedLong(m.keySize()))
                            .field("value_size", Integer.toUnsignedLong(m.valueSize())).field("max_entries", Integer.toUnsignedLong(m.maxEntries()));
                }
                if (e.target() != null) {
                    w.field("target", e.target());
                }
                if (e.error() != null) {
                    w.field("error", e.error());
                }
                w.endObject();
            }
            w.endArray().endObject().endDocument();
            return;
        }
        if (entries.isEmpty()) {
            return; // an empty directory (or a root not created yet) lists nothing, with -l too
        }
        if (!long_) {
            int width = entries.stream().mapToInt(e -> e.kind().displayName().length()).max().orElse(0);
            for (BpffsEntry e : entries) {
                String kind = e.kind().displayName();
                out().println(session.palette().kind(kind) + " ".repeat(width + 2 - kind.length()) + name(base, e));
            }
            return;
        }
        Table t = new Table("KIND", "TYPE", "ID", "KEY", "VALUE", "MAX", "NAME");
        for (BpffsEntry e : entries) {
            MapInfo m = e.mapInfo();
            t.row(e.kind().displayName(), e.kind() == EntryKind.DIRECTORY || e.kind() == EntryKind.SYMLINK
                    || e.kind() == EntryKind.MOUNT ? null : typeOf(e),
                    e.id() == 0 ? null : e.id(), m == null ? null : Integer.toUnsignedLong(m.keySize()), m == null ? null : Integer.toUnsignedLong(m.valueSize()),
                    m == null ? null : Integer.toUnsignedLong(m.maxEntries()), name(base, e));
        }
        t.print(out(), session.palette());
    }

    /** The entry's name; a link's is followed by its type and attach point, "(xdp: ifindex 3 (veth0))". */
    private static String name(Path base, BpffsEntry e) {
        String n = base.relativize(e.path()).toString();
        if (e.linkInfo() != null) {
            String at = e.linkInfo().attachPoint();
            return n + "  (" + e.linkInfo().typeName() + (at.isEmpty() ? "" : ": " + at) + ")";
        }
        // a symlink is shown with its target and never followed (by ls or by any other command)
        return e.kind() == EntryKind.DIRECTORY ? n + "/" : e.target() != null ? n + " -> " + e.target() : n;
    }

    private static String typeOf(BpffsEntry e) {
        String t = e.typeName();
        return t.isEmpty() ? null : t;
    }
}
