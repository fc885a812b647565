package io.bpfsh.shell.commands;

import io.bpfsh.engine.load.LoadedMap;
import io.bpfsh.engine.load.Module;
import io.bpfsh.shell.output.JsonWriter;
import io.bpfsh.shell.output.Table;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(name = "modules",
        description = "List the loaded modules: name, object file, maps, programs and pins.",
        footer = {"  modules"})
final class Modules extends ShellCommand {
    @Override
    protected void execute() {
        Map<String, Module> modules = session.modules();
        if (json()) {
            JsonWriter w = jsonWriter().beginObject().name("modules").beginArray();
            for (Map.Entry<String, Module> e : modules.entrySet()) {
                Module m = e.getValue();
                w.beginObject().field("name", e.getKey()).field("file", m.file().toString())
                        .field("maps", m.maps().size()).field("programs", m.programs().size())
                        .field("pins", pins(m)).endObject();
            }
            w.endArray().endObject().endDocument();
            return;
        }
        if (modules.isEmpty()) {
            out().println("no modules loaded (load one with: load FILE)");
            return;
        }
        Table t = new Table("NAME", "FILE", "MAPS", "PROGRAMS", "PINS");
        for (Map.Entry<String, Module> e : modules.entrySet()) {
            Module m = e.getValue();
            t.row(e.getKey(), m.file(), m.maps().size(), m.programs().size(), pins(m));
        }
        t.print(out(), session.palette());
    }

    private static long pins(Module m) {
        return m.maps().stream().map(LoadedMap::pinPath).filter(java.util.Optional::isPresent).count();
    }
}
