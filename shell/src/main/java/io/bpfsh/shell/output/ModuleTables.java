package io.bpfsh.shell.output;

import io.bpfsh.engine.load.LoadedMap;
import io.bpfsh.engine.load.LoadedProgram;
import io.bpfsh.engine.load.Module;
import java.util.Map;

/** The maps and programs of loaded modules, as the maps and progs commands (and load --json) show them. */
public final class ModuleTables {
    private ModuleTables() {
    }

    public static Table mapsTable() {
        return new Table("MODULE", "NAME", "TYPE", "KEY", "VALUE", "MAX", "PINNING", "PIN PATH", "ID");
    }

    public static void mapRows(Table t, String module, Module m) {
        for (LoadedMap lm : m.maps()) {
            t.row(module, lm.name(), lm.spec().typeName(), Integer.toUnsignedLong(lm.spec().keySize()), Integer.toUnsignedLong(lm.spec().valueSize()),
                    Integer.toUnsignedLong(lm.map().info().maxEntries()), lm.pinning().displayName(),
                    lm.pinPath().map(p -> p + (lm.reused() ? " (reused)" : "")).orElse(null), lm.map().id());
        }
    }

    public static Table programsTable() {
        return new Table("MODULE", "SECTION", "FUNCTION", "TYPE", "ID", "TAG");
    }

    public static void programRows(Table t, String module, Module m) {
        for (LoadedProgram p : m.programs()) {
            t.row(module, p.section(), p.name(), p.type().displayName(), p.program().id(), p.program().info().tag());
        }
    }

    /** The module's maps, one object each, into the array being written. */
    public static void mapItemsJson(JsonWriter w, String module, Module m) {
        for (LoadedMap lm : m.maps()) {
            mapJson(w, module, lm);
        }
    }

    public static void mapJson(JsonWriter w, String module, LoadedMap lm) {
        w.beginObject().field("module", module).field("name", lm.name()).field("section", lm.key())
                .field("type", lm.spec().typeName()).field("key_size", Integer.toUnsignedLong(lm.spec().keySize()))
                .field("value_size", Integer.toUnsignedLong(lm.spec().valueSize())).field("max_entries", Integer.toUnsignedLong(lm.map().info().maxEntries()))
                .field("pinning", lm.pinning().displayName()).field("pin_path", lm.pinPath().map(Object::toString).orElse(null))
                .field("reused", lm.reused()).field("id", lm.map().id()).endObject();
    }

    /** The module's programs, one object each, into the array being written. */
    public static void programItemsJson(JsonWriter w, String module, Module m) {
        for (LoadedProgram p : m.programs()) {
            programJson(w, module, p);
        }
    }

    public static void programJson(JsonWriter w, String module, LoadedProgram p) {
        w.beginObject().field("module", module).field("section", p.section()).field("name", p.name())
                .field("type", p.type().displayName()).field("id", p.program().id())
                .field("tag", p.program().info().tag()).endObject();
    }

    /** Every module, or the one named. */
    public static Map<String, Module> select(Map<String, Module> modules, String name) {
        return name == null ? modules : Map.of(name, modules.get(name));
    }
}
