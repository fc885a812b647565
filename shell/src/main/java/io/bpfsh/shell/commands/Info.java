package io.bpfsh.shell.commands;

import io.bpfsh.completions.ArgKind;
import io.bpfsh.completions.Completes;
import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.sys.BpfLink;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.BpfObject;
import io.bpfsh.engine.sys.BpfProgram;
import io.bpfsh.engine.sys.FdInfo;
import io.bpfsh.engine.sys.LinkInfo;
import io.bpfsh.engine.sys.MapCursor;
import io.bpfsh.engine.sys.MapFlags;
import io.bpfsh.engine.sys.MapType;
import io.bpfsh.engine.sys.MapInfo;
import io.bpfsh.engine.sys.ProgInfo;
import io.bpfsh.shell.CommandException;
import io.bpfsh.shell.MapTypes;
import io.bpfsh.shell.Refs;
import io.bpfsh.shell.data.DataLiteral;
import io.bpfsh.shell.output.JsonWriter;
import java.io.PrintWriter;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "info",
        description = {"Show what the kernel reports about a map, program or link.",
                "Maps: the whole name (from the module's object or the map's BTF, where the kernel "
                        + "keeps 15 characters), type, key and value size with their BTF types where the map "
                        + "has them (from the module's object for MODULE:NAME, from the kernel's BTF otherwise), "
                        + "max entries, the entries it holds (counted), the memory the kernel charges for it, "
                        + "flags by name (BPF_F_NO_PREALLOC, BPF_F_RDONLY_PROG, ...), per-CPU layout, btf id. Programs: type, tag, "
                        + "instruction sizes, license, the maps they use. id:N names a map, or a program "
                        + "when no map has that id; id:map:N and id:prog:N say which."},
        footer = {"  info custom:dummy_array_custom", "  info custom:socket/dummy", "  info @h", "  info id:42",
                "  info ns1/globals/dummy_hash"})
final class Info extends ShellCommand {
    @Completes(ArgKind.REF)
    @Parameters(index = "0", paramLabel = "REF",
            description = "The object: MODULE:NAME, @NAME, id:N (a map, or a program when no map has that id; id:map:N or id:prog:N say which) or a pin path.")
    private String ref;

    @Override
    protected void execute() throws EngineException {
        try (Refs.Resolved<BpfObject> r = Refs.object(session, ref)) {
            BpfObject o = r.object();
            if (json()) {
                JsonWriter w = jsonWriter().beginObject().field("kind", o.kind().displayName()).field("id", o.id());
                if (o instanceof BpfMap m) {
                    MapInfo i = m.info();
                    MapTypes types = MapTypes.of(session, r, m);
                    Long entries = entries(m);
                    OptionalLong memlock = FdInfo.memlock(m.fd());
                    w.field("name", fullName(r, m, types)).field("kernel_name", i.name()).field("type", i.typeName())
                            .field("key_size", Integer.toUnsignedLong(i.keySize()))
                            .field("value_size", Integer.toUnsignedLong(i.valueSize())).field("max_entries", Integer.toUnsignedLong(i.maxEntries()))
                            .field("flags", Integer.toUnsignedLong(i.flags())).name("flag_names").beginArray();
                    for (String f : MapFlags.names(i.flags())) {
                        w.value(f);
                    }
                    w.endArray().name("entries");
                    if (entries == null) {
                        w.nullValue();
                    } else {
                        w.value(entries);
                    }
                    w.name("memlock_bytes");
                    if (memlock.isPresent()) {
                        w.value(memlock.getAsLong());
                    } else {
                        w.nullValue();
                    }
                    w.field("per_cpu", m.isPerCpu()).field("btf_id", i.btfId())
                            .field("key_type", types.keyTypeName().orElse(null))
                            .field("value_type", types.valueTypeName().orElse(null))
                            .field("types_from", types.source().orElse(null));
                    if (m.isPerCpu()) {
                        w.field("possible_cpus", m.valueSlots().count());
                    }
                } else if (o instanceof BpfProgram p) {
                    ProgInfo i = p.info();
                    w.field("name", i.name()).field("type", i.typeName()).field("tag", i.tag())
                            .field("xlated_bytes", i.xlatedLength()).field("jited_bytes", i.jitedLength())
                            .field("gpl_compatible", i.gplCompatible()).field("btf_id", i.btfId())
                            .name("map_ids").beginArray();
                    for (int id : i.mapIds()) {
                        w.value(id);
                    }
                    w.endArray();
                } else if (o instanceof BpfLink l) {
                    LinkInfo i = l.info();
                    w.field("link_type", i.type()).field("type", i.typeName()).field("prog_id", i.progId())
                            .field("attach_point", i.attachPoint());
                }
                w.field("from", r.origin()).endObject().endDocument();
                return;
            }
            PrintWriter out = out();
            if (o instanceof BpfMap m) {
                MapInfo i = m.info();
                MapTypes types = MapTypes.of(session, r, m);
                String name = fullName(r, m, types);
                out.println("map " + (name.isEmpty() ? "" : name + " ") + "(id " + i.id() + ")");
                if (!name.equals(i.name())) {
                    line(out, "kernel name", i.name() + (i.name().length() == 15 ? " (the kernel keeps 15 characters)" : ""));
                }
                line(out, "type", i.typeName());
                line(out, "key", DataLiteral.bytes(i.keySize()) + types.keyTypeName().map(t -> " (" + t + ")").orElse(""));
                line(out, "value", DataLiteral.bytes(i.valueSize())
                        + types.valueTypeName().map(t -> " (" + t + ")").orElse(""));
                line(out, "max entries", Integer.toUnsignedString(i.maxEntries()));
                Long entries = entries(m);
                line(out, "entries", entries == null ? "not countable (" + i.typeName() + " maps are consumed, not read)"
                        : entries + (m.type() != null && m.type().isIndexed() ? " (an array has every index)" : " (counted now)"));
                FdInfo.memlock(m.fd()).ifPresent(b -> line(out, "memory", b + " bytes (memlock, as the kernel charges it)"));
                line(out, "flags", i.flags() == 0 ? "0" : "0x" + Integer.toHexString(i.flags()) + " (" + MapFlags.text(i.flags()) + ")");
                line(out, "per-CPU", m.isPerCpu() ? "yes: " + m.valueSlots().count() + " possible CPUs, "
                        + m.valueSlots().slotSize() + "-byte slots" : "no");
                line(out, "btf id", i.btfId() == 0 ? "none" : Integer.toString(i.btfId()));
                if (types.typed()) {
                    line(out, "types", "from " + types.source().orElseThrow());
                }
            } else if (o instanceof BpfProgram p) {
                ProgInfo i = p.info();
                out.println("prog " + (i.name().isEmpty() ? "" : i.name() + " ") + "(id " + i.id() + ")");
                line(out, "type", i.typeName());
                line(out, "tag", i.tag());
                line(out, "xlated", DataLiteral.bytes(i.xlatedLength()));
                line(out, "jited", DataLiteral.bytes(i.jitedLength()));
                line(out, "gpl", i.gplCompatible() ? "yes" : "no");
                line(out, "map ids", i.mapIds().isEmpty() ? "none"
                        : i.mapIds().stream().map(String::valueOf).collect(Collectors.joining(", ")));
            } else if (o instanceof BpfLink l) {
                LinkInfo i = l.info();
                out.println("link (id " + i.id() + ")");
                line(out, "link type", i.typeName());
                line(out, "prog id", Integer.toString(i.progId()));
                line(out, "attached", i.attachPoint());
            }
            line(out, "from", r.origin());
        }
    }

    /**
     * The map's whole name: the module's for MODULE:NAME, else the BTF's where the kernel's is cut at
     * 15 characters, else the kernel's.
     */
    private static String fullName(Refs.Resolved<BpfObject> r, BpfMap m, MapTypes types) {
        if (r.moduleMap().isPresent()) {
            return r.moduleMap().get().map().name();
        }
        return types.fullName(m.info().name()).orElse(m.info().name());
    }

    /**
     * How many entries the map holds: max entries for an array (every index exists), counted for the
     * others (the kernel reports no count), null for maps that cannot be read element by element.
     */
    private Long entries(BpfMap m) throws EngineException {
        MapType t = m.type();
        if (t != null && t.isIndexed()) {
            return (long) m.info().maxEntries();
        }
        if (t != null && !t.isIterable()) {
            return null;
        }
        long n = 0;
        try (MapCursor c = m.entries()) {
            while (c.next()) {
                if (session.isInterrupted()) {
                    throw new CommandException("info " + ref + ": interrupted while counting entries, after " + n);
                }
                n++;
            }
        }
        return n;
    }

    private static void line(PrintWriter out, String label, String value) {
        out.println(String.format("  %-12s %s", label, value));
    }
}
