package io.bpfsh.shell.commands;

import io.bpfsh.completions.ArgKind;
import io.bpfsh.completions.Completes;
import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.fs.Bpffs;
import io.bpfsh.engine.fs.PinPath;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.BpfObject;
import io.bpfsh.engine.sys.PinAccess;
import io.bpfsh.shell.CommandException;
import io.bpfsh.shell.Handle;
import picocli.CommandLine.Command;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "get",
        description = {"Open a pinned object, as another program would, and keep it as a handle (@NAME).",
                "The handle is used as a REF (dump @NAME) until release or the end of the session. "
                        + "--readonly opens a map with BPF_F_RDONLY (updates fail), --writeonly with "
                        + "BPF_F_WRONLY (lookups fail)."},
        footer = {"  get ns1/globals/dummy_hash                 handle @dummy_hash",
                "  get ns1/globals/dummy_hash --as h --readonly",
                "  dump @h"})
final class Get extends ShellCommand {
    @Completes(ArgKind.PIN_PATH)
    @Parameters(index = "0", paramLabel = "PATH", description = "The pin, absolute or relative to the bpffs root.")
    private String path;

    @Completes(ArgKind.TEXT)
    @Option(names = "--as", paramLabel = "NAME", description = "The handle's name (default: the pin's file name).")
    private String name;

    @ArgGroup(exclusive = true)
    private Access access = new Access();

    @Override
    protected void execute() throws EngineException {
        Bpffs fs = session.mountedBpffs();
        PinPath p = fs.resolveExisting(path);
        String n = name != null ? (name.startsWith("@") ? name.substring(1) : name) : p.name();
        if (session.handles().containsKey(n)) {
            throw new CommandException("get " + path + ": handle @" + n + " is already open (on "
                    + session.handles().get(n).source() + "); release it or choose another name with --as NAME");
        }
        PinAccess a = access.readOnly ? PinAccess.READ_ONLY : access.writeOnly ? PinAccess.WRITE_ONLY
                : PinAccess.READ_WRITE;
        BpfObject o = fs.open(p, a);
        Handle h = new Handle(n, o, p.toString(), a);
        try {
            session.addHandle(h);
        } catch (CommandException e) {
            o.close();
            throw e;
        }
        if (json()) {
            jsonWriter().beginObject().field("handle", n).field("kind", o.kind().displayName()).field("id", o.id())
                    .field("access", Handle.accessName(a)).field("path", p.toString()).endObject().endDocument();
        } else {
            confirm("@" + n + ": " + describe(o) + ", " + Handle.accessName(a) + ", from " + p);
        }
    }

    static String describe(BpfObject o) {
        if (o instanceof BpfMap m) {
            return "map " + (m.info().name().isEmpty() ? "" : m.info().name() + " ") + "(id " + m.id() + ", "
                    + m.info().typeName() + ", key " + Integer.toUnsignedString(m.keySize()) + " B, value "
                    + Integer.toUnsignedString(m.valueSize()) + " B)";
        }
        return o.kind().displayName() + " (id " + o.id() + ")";
    }

    /** --readonly or --writeonly, or neither (read-write). */
    static final class Access {
        @Completes(ArgKind.FLAG)
        @Option(names = "--readonly", description = "Open a map read-only.")
        private boolean readOnly;

        @Completes(ArgKind.FLAG)
        @Option(names = "--writeonly", description = "Open a map write-only.")
        private boolean writeOnly;
    }
}
