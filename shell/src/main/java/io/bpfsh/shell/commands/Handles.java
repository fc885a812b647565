package io.bpfsh.shell.commands;

import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.shell.Handle;
import io.bpfsh.shell.output.JsonWriter;
import io.bpfsh.shell.output.Table;
import picocli.CommandLine.Command;

@Command(name = "handles",
        description = "List the handles opened with get: name, kind, type, kernel id, access and pin path.",
        footer = {"  handles"})
final class Handles extends ShellCommand {
    @Override
    protected void execute() {
        if (json()) {
            JsonWriter w = jsonWriter().beginObject().name("handles").beginArray();
            for (Handle h : session.handles().values()) {
                w.beginObject().field("name", h.name()).field("kind", h.object().kind().displayName())
                        .field("type", type(h)).field("id", h.object().id()).field("access", Handle.accessName(h.access()))
                        .field("path", h.source()).endObject();
            }
            w.endArray().endObject().endDocument();
            return;
        }
        if (session.handles().isEmpty()) {
            out().println("no handles (open one with: get PATH --as NAME)");
            return;
        }
        Table t = new Table("NAME", "KIND", "TYPE", "ID", "ACCESS", "PATH");
        for (Handle h : session.handles().values()) {
            t.row("@" + h.name(), h.object().kind().displayName(), type(h), h.object().id(),
                    Handle.accessName(h.access()), h.source());
        }
        t.print(out(), session.palette());
    }

    private static String type(Handle h) {
        if (h.object() instanceof BpfMap m) {
            return m.info().typeName();
        }
        if (h.object() instanceof io.bpfsh.engine.sys.BpfProgram p) {
            return p.info().typeName();
        }
        return h.object().kind().displayName();
    }
}
