package io.bpfsh.shell.commands;

import io.bpfsh.completions.ArgKind;
import io.bpfsh.completions.Completes;
import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.load.LoadedMap;
import io.bpfsh.engine.load.Module;
import io.bpfsh.shell.output.JsonWriter;
import io.bpfsh.shell.output.ModuleTables;
import io.bpfsh.shell.output.Table;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "maps",
        description = "List the maps of the loaded modules: name, type, key and value size, max entries, "
                + "pinning option, pin path and kernel id.",
        footerHeading = "%nExamples:%n",
        footer = {"  maps", "  maps custom"})
final class Maps extends ShellCommand {
    @Completes(ArgKind.MODULE)
    @Parameters(arity = "0..1", paramLabel = "MODULE", description = "Only this module's maps.")
    private String module;

    @Override
    protected void execute() throws EngineException {
        if (module != null) {
            session.module(module); // an unknown name is an error that lists the loaded ones
        }
        Map<String, Module> modules = ModuleTables.select(session.modules(), module);
        if (json()) {
            JsonWriter w = jsonWriter().beginObject().name("maps").beginArray();
            for (Map.Entry<String, Module> e : modules.entrySet()) {
                for (LoadedMap lm : e.getValue().maps()) {
                    ModuleTables.mapJson(w, e.getKey(), lm);
                }
            }
            w.endArray().endObject().endDocument();
            return;
        }
        Table t = ModuleTables.mapsTable();
        for (Map.Entry<String, Module> e : modules.entrySet()) {
            ModuleTables.mapRows(t, e.getKey(), e.getValue());
        }
        if (t.isEmpty()) {
            out().println(modules.isEmpty() ? "no modules loaded (load one with: load FILE)" : "no maps");
        } else {
            t.print(out());
        }
    }
}
