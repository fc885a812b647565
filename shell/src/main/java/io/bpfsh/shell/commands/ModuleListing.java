package io.bpfsh.shell.commands;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.load.Module;
import io.bpfsh.shell.output.JsonWriter;
import io.bpfsh.shell.output.ModuleTables;
import io.bpfsh.shell.output.Table;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What maps and progs print: one table (or one JSON array) of something every loaded module holds,
 * for every module or the one named. The two commands differ only in these parts.
 */
record ModuleListing(String member, Supplier<Table> table, TableRows rows, JsonItems items, String none) {
    static final ModuleListing MAPS = new ModuleListing("maps", ModuleTables::mapsTable,
            ModuleTables::mapRows, ModuleTables::mapItemsJson, "no maps");
    static final ModuleListing PROGRAMS = new ModuleListing("programs", ModuleTables::programsTable,
            ModuleTables::programRows, ModuleTables::programItemsJson, "no programs");

    /** Adds one module's rows to a table. */
    interface TableRows {
        void add(Table t, String module, Module m);
    }

    /** Writes one module's objects into the JSON array being written. */
    interface JsonItems {
        void write(JsonWriter w, String module, Module m);
    }

    /** One module's listing as a member of the JSON object being written: "maps": [...]. */
    void jsonMember(JsonWriter w, String module, Module m) {
        w.name(member).beginArray();
        items.write(w, module, m);
        w.endArray();
    }

    /** Prints the listing of every module, or of the one named (an unknown name is an error that lists the loaded ones). */
    void print(ShellCommand command, String module) throws EngineException {
        if (module != null) {
            command.session.module(module);
        }
        Map<String, Module> modules = ModuleTables.select(command.session.modules(), module);
        if (command.json()) {
            JsonWriter w = command.jsonWriter().beginObject().name(member).beginArray();
            modules.forEach((name, m) -> items.write(w, name, m));
            w.endArray().endObject().endDocument();
            return;
        }
        Table t = table.get();
        modules.forEach((name, m) -> rows.add(t, name, m));
        if (t.isEmpty()) {
            command.out().println(modules.isEmpty() ? "no modules loaded (load one with: load FILE)" : none);
        } else {
            t.print(command.out(), command.session.palette());
        }
    }
}
