package io.bpfsh.shell.commands;

import io.bpfsh.completions.ArgKind;
import io.bpfsh.completions.Completes;
import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.load.LoadedProgram;
import io.bpfsh.engine.load.Module;
import io.bpfsh.shell.output.JsonWriter;
import io.bpfsh.shell.output.ModuleTables;
import io.bpfsh.shell.output.Table;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "progs",
        description = "List the programs of the loaded modules: section, function, type, kernel id and tag.",
        footerHeading = "%nExamples:%n",
        footer = {"  progs", "  progs custom", "  info custom:socket/dummy"})
final class Progs extends ShellCommand {
    @Completes(ArgKind.MODULE)
    @Parameters(arity = "0..1", paramLabel = "MODULE", description = "Only this module's programs.")
    private String module;

    @Override
    protected void execute() throws EngineException {
        if (module != null) {
            session.module(module);
        }
        Map<String, Module> modules = ModuleTables.select(session.modules(), module);
        if (json()) {
            JsonWriter w = jsonWriter().beginObject().name("programs").beginArray();
            for (Map.Entry<String, Module> e : modules.entrySet()) {
                for (LoadedProgram p : e.getValue().programs()) {
                    ModuleTables.programJson(w, e.getKey(), p);
                }
            }
            w.endArray().endObject().endDocument();
            return;
        }
        Table t = ModuleTables.programsTable();
        for (Map.Entry<String, Module> e : modules.entrySet()) {
            ModuleTables.programRows(t, e.getKey(), e.getValue());
        }
        if (t.isEmpty()) {
            out().println(modules.isEmpty() ? "no modules loaded (load one with: load FILE)" : "no programs");
        } else {
            t.print(out());
        }
    }
}
