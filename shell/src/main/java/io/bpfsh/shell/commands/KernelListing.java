package io.bpfsh.shell.commands;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.fs.PinIndex;
import io.bpfsh.engine.sys.BpfLink;
import io.bpfsh.engine.sys.KernelObjects;
import io.bpfsh.engine.sys.LinkInfo;
import io.bpfsh.engine.sys.MapInfo;
import io.bpfsh.engine.sys.ObjectKind;
import io.bpfsh.engine.sys.ProgInfo;
import io.bpfsh.shell.Handle;
import io.bpfsh.shell.output.JsonWriter;
import io.bpfsh.shell.output.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@code maps --all}, {@code progs --all} and {@code links} print: every object of a kind in the
 * kernel (or the session's links), by id, with the pins under the bpffs root that hold each. JSON: an
 * array of objects with at least id, type and name.
 */
final class KernelListing {
    private KernelListing() {
    }

    static void maps(ShellCommand c) throws EngineException {
        List<MapInfo> maps = KernelObjects.allMaps();
        PinIndex pins = pins(c);
        if (c.json()) {
            JsonWriter w = c.jsonWriter().beginArray();
            for (MapInfo m : maps) {
                w.beginObject().field("id", m.id()).field("type", m.typeName()).field("name", m.name())
                        .field("key_size", m.keySize()).field("value_size", m.valueSize())
                        .field("max_entries", m.maxEntries()).field("flags", m.flags());
                pinsJson(w, pins.pinsOf(ObjectKind.MAP, m.id())).endObject();
            }
            w.endArray().endDocument();
            return;
        }
        Table t = new Table("ID", "TYPE", "NAME", "KEY", "VALUE", "MAX", "PINS");
        for (MapInfo m : maps) {
            t.row(m.id(), m.typeName(), m.name().isEmpty() ? null : m.name(), m.keySize(), m.valueSize(), m.maxEntries(),
                    joined(pins.pinsOf(ObjectKind.MAP, m.id())));
        }
        print(c, t, pins, "no maps in the kernel");
    }

    static void programs(ShellCommand c) throws EngineException {
        List<ProgInfo> progs = KernelObjects.allPrograms();
        Map<Integer, List<String>> attached = new HashMap<>();
        for (LinkInfo l : KernelObjects.allLinks()) {
            attached.computeIfAbsent(l.progId(), k -> new ArrayList<>()).add(l.typeName() + " " + l.attachPoint());
        }
        PinIndex pins = pins(c);
        if (c.json()) {
            JsonWriter w = c.jsonWriter().beginArray();
            for (ProgInfo p : progs) {
                w.beginObject().field("id", p.id()).field("type", p.typeName()).field("name", p.name())
                        .field("tag", p.tag()).name("attached").beginArray();
                for (String a : attached.getOrDefault(p.id(), List.of())) {
                    w.value(a);
                }
                w.endArray();
                pinsJson(w, pins.pinsOf(ObjectKind.PROG, p.id())).endObject();
            }
            w.endArray().endDocument();
            return;
        }
        Table t = new Table("ID", "TYPE", "NAME", "TAG", "ATTACHED", "PINS");
        for (ProgInfo p : progs) {
            List<String> a = attached.getOrDefault(p.id(), List.of());
            t.row(p.id(), p.typeName(), p.name().isEmpty() ? null : p.name(), p.tag(),
                    a.isEmpty() ? null : String.join("; ", a), joined(pins.pinsOf(ObjectKind.PROG, p.id())));
        }
        print(c, t, pins, "no programs in the kernel");
    }

    /** Every link in the kernel ({@code all}) or the session's link handles. */
    static void links(ShellCommand c, boolean all) throws EngineException {
        Map<Integer, String> handles = new HashMap<>();
        List<LinkInfo> links = new ArrayList<>();
        for (Handle h : c.session.handles().values()) {
            if (h.object() instanceof BpfLink l) {
                handles.put(l.id(), h.name());
                if (!all) {
                    links.add(l.queryInfo());
                }
            }
        }
        if (all) {
            links = KernelObjects.allLinks();
        }
        Map<Integer, String> programNames = KernelObjects.allPrograms().stream()
                .collect(Collectors.toMap(ProgInfo::id, ProgInfo::name, (a, b) -> a));
        PinIndex pins = pins(c);
        if (c.json()) {
            JsonWriter w = c.jsonWriter().beginArray();
            for (LinkInfo l : links) {
                w.beginObject().field("id", l.id()).field("type", l.typeName())
                        .field("name", programNames.getOrDefault(l.progId(), "")).field("prog_id", l.progId())
                        .field("attach_point", l.attachPoint()).field("handle", handles.get(l.id()));
                pinsJson(w, pins.pinsOf(ObjectKind.LINK, l.id())).endObject();
            }
            w.endArray().endDocument();
            return;
        }
        Table t = new Table("ID", "TYPE", "PROGRAM", "ATTACHED", "HANDLE", "PINS");
        for (LinkInfo l : links) {
            String prog = programNames.getOrDefault(l.progId(), "");
            t.row(l.id(), l.typeName(), (prog.isEmpty() ? "" : prog + " ") + "(id " + l.progId() + ")", l.attachPoint(),
                    handles.containsKey(l.id()) ? "@" + handles.get(l.id()) : null,
                    joined(pins.pinsOf(ObjectKind.LINK, l.id())));
        }
        print(c, t, pins, all ? "no links in the kernel" : "no links in this session (make one with: attach REF ...)");
    }

    private static PinIndex pins(ShellCommand c) {
        return PinIndex.scan(c.session.bpffs());
    }

    private static JsonWriter pinsJson(JsonWriter w, List<Path> pins) {
        w.name("pins").beginArray();
        for (Path p : pins) {
            w.value(p.toString());
        }
        return w.endArray();
    }

    private static String joined(List<Path> pins) {
        return pins.isEmpty() ? null : pins.stream().map(Path::toString).collect(Collectors.joining(", "));
    }

    private static void print(ShellCommand c, Table t, PinIndex pins, String none) {
        if (t.isEmpty()) {
            c.out().println(none);
            return;
        }
        t.print(c.out());
        if (pins.truncated()) {
            c.out().println("note: only the first " + PinIndex.MAX_ENTRIES + " entries under " + c.session.bpffs().root()
                    + " were searched for pins");
        }
    }
}
