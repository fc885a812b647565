package io.bpfsh.shell.commands;

import io.bpfsh.completions.ArgKind;
import io.bpfsh.completions.Completes;
import io.bpfsh.completions.SectionValue;
import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.load.CloseOptions;
import io.bpfsh.engine.load.CloseReport;
import io.bpfsh.engine.load.LoadedMap;
import io.bpfsh.engine.load.Module;
import io.bpfsh.shell.output.JsonWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "close",
        description = {"Close a module's FDs, unpinning the maps named with --unpin (gobpf's CloseExt).",
                "Without --unpin nothing is unpinned: pinned maps live on for the next loader. A PIN_CUSTOM_NS "
                        + "map unpins at the PATH given, or else at the path it was loaded with. An invalid "
                        + "option changes nothing and leaves the module loaded."},
        footer = {"  close custom                                       keep every pin",
                "  close custom --unpin maps/dummy_array_custom=ns1/test1",
                "  close global --unpin dummy_hash",
                "  close global --unpin-all                         the pins this module created",
                "  close global --unpin-all --force                 and the ones it reused"})
final class Close extends ShellCommand {
    @Completes(ArgKind.MODULE)
    @Parameters(index = "0", paramLabel = "MODULE", description = "The module's name.")
    private String module;

    @Completes(ArgKind.MODULE_SECTION)
    @Option(names = "--unpin", paramLabel = "SECTION[=PATH]", converter = SectionValue.Converter.class,
            description = "Unpin this map (maps/NAME or NAME; repeatable).")
    private List<SectionValue> unpin = new ArrayList<>();

    @Completes(ArgKind.FLAG)
    @Option(names = "--unpin-all", description = "Unpin every map this module created; one it reused (another "
            + "loader's) is left, with a note, unless --force.")
    private boolean unpinAll;

    @Completes(ArgKind.FLAG)
    @Option(names = "--force", description = "With --unpin-all: unpin the maps the module reused too.")
    private boolean force;

    @Override
    protected void execute() throws EngineException {
        if (force && !unpinAll) {
            throw new io.bpfsh.shell.CommandException("close " + module + ": --force goes with --unpin-all (a map named"
                    + " with --unpin is unpinned whether this module created it or not)");
        }
        Module m = session.module(module);
        Map<String, CloseOptions> options = new LinkedHashMap<>();
        if (unpinAll) {
            for (LoadedMap lm : m.maps()) {
                if (lm.pinPath().isPresent()) {
                    options.put(lm.key(), new CloseOptions(true, pathFor(lm, null), !force));
                }
            }
        }
        java.util.Set<String> named = new java.util.HashSet<>();
        for (SectionValue u : unpin) {
            String key = u.sectionKey();
            if (!named.add(key)) {
                throw new io.bpfsh.shell.CommandException("close " + module + ": --unpin given twice for " + key);
            }
            String path = u.value();
            Optional<LoadedMap> lm = m.maps().stream().filter(x -> x.key().equals(key)).findFirst();
            options.put(key, new CloseOptions(true, lm.isPresent() ? pathFor(lm.get(), path) : path));
        }
        CloseReport report;
        try {
            report = m.close(options);
        } finally {
            if (m.isClosed()) {
                session.removeModule(module);
            }
        }
        if (json()) {
            JsonWriter w = jsonWriter().beginObject().field("closed", module).name("unpinned").beginArray();
            for (String p : report.unpinned()) {
                w.value(p);
            }
            w.endArray().name("notes").beginArray();
            for (String n : report.notes()) {
                w.value(n);
            }
            w.endArray().endObject().endDocument();
            return;
        }
        for (String p : report.unpinned()) {
            confirm("unpinned " + p);
        }
        for (String n : report.notes()) {
            out().println("note: " + n);
        }
        confirm("closed module " + module);
    }

    /** The path the engine needs for a map: the one given, or where a custom or by-name map was pinned. */
    private static String pathFor(LoadedMap lm, String given) {
        return given != null && !given.isEmpty() ? given : lm.unpinPath().orElse(null);
    }
}
