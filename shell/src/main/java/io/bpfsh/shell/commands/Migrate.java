package io.bpfsh.shell.commands;

import io.bpfsh.completions.ArgKind;
import io.bpfsh.completions.Completes;
import io.bpfsh.completions.SectionValue;
import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.load.MapMigration;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.PinAccess;
import io.bpfsh.shell.CommandException;
import io.bpfsh.shell.MapTypes;
import io.bpfsh.shell.Refs;
import io.bpfsh.shell.output.JsonWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "migrate",
        description = {"Copy every entry of one map into another whose key or value layout may differ.",
                "Key and value members are matched by BTF member name (--map renames one): integers change "
                        + "width where the value fits, new members start as zero, members the new map lacks are "
                        + "dropped; per-CPU values are copied CPU by CPU. Every entry is read and converted "
                        + "before anything is written, so a member that changed kind, a value that does not fit "
                        + "(a narrowing), or too many entries changes nothing. Without BTF on both maps, keys "
                        + "and values are copied as bytes and need equal sizes. Entries the old map's "
                        + "programs write during the copy are not copied."},
        footer = {"  migrate flows v2:flows                 the pinned flows (v1) into module v2's map",
                "  migrate old/flows new/flows --map bytes=octets   old member bytes goes to new member octets",
                "  migrate id:42 @new                     a map by kernel id into a handle from get"})
final class Migrate extends ShellCommand {
    @Completes(ArgKind.MAP_REF)
    @Parameters(index = "0", paramLabel = "OLD", description = "The map to read: MODULE:NAME, @NAME, id:N or a pin path.")
    private String from;

    @Completes(ArgKind.MAP_REF)
    @Parameters(index = "1", paramLabel = "NEW", description = "The map to write (opened read-write).")
    private String to;

    @Completes(ArgKind.TEXT)
    @Option(names = "--map", paramLabel = "OLD=NEW", converter = SectionValue.Converter.class,
            description = "Copy old member OLD into new member NEW (repeatable; nested members as outer.inner).")
    private List<SectionValue> renames = new ArrayList<>();

    @Override
    protected void execute() throws EngineException {
        Map<String, String> byOld = new LinkedHashMap<>();
        for (SectionValue r : renames) {
            if (r.section().isEmpty() || !r.hasValue() || r.value().isEmpty()) {
                throw new CommandException("migrate: --map " + r + ": expected OLD=NEW (member names)");
            }
            if (byOld.putIfAbsent(r.section(), r.value()) != null) {
                throw new CommandException("migrate: --map given twice for member " + r.section());
            }
        }
        try (Refs.Resolved<BpfMap> old = Refs.map(session, from, PinAccess.READ_ONLY);
             Refs.Resolved<BpfMap> now = Refs.map(session, to, PinAccess.READ_WRITE)) {
            if (old.object().id() == now.object().id()) {
                throw new CommandException("migrate " + from + " " + to + ": both name the same map (id "
                        + old.object().id() + ")");
            }
            MapTypes oldTypes = MapTypes.of(session, old, old.object());
            MapTypes newTypes = MapTypes.of(session, now, now.object());
            MapMigration.Report report = MapMigration.between(old.object(), oldTypes.btf(), now.object(),
                    newTypes.btf(), byOld).copy();
            if (json()) {
                JsonWriter w = jsonWriter().beginObject().field("from", old.origin()).field("from_id", old.object().id())
                        .field("to", now.origin()).field("to_id", now.object().id())
                        .field("entries", report.entries());
                members(w, report);
                w.endObject().endDocument();
                return;
            }
            out().println("migrated " + old.object().describe() + " to " + now.object().describe() + ": " + report);
        }
    }

    /** The report's members as fields of the open JSON object (load --dry-run's plan uses the same). */
    static void members(JsonWriter w, MapMigration.Report report) {
        list(w, "dropped", report.dropped());
        list(w, "zero_filled", report.zeroFilled());
        list(w, "narrowed", report.narrowed());
    }

    private static void list(JsonWriter w, String name, List<String> members) {
        w.name(name).beginArray();
        for (String m : members) {
            w.value(m);
        }
        w.endArray();
    }
}
