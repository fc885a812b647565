package io.bpfsh.shell.commands;

import io.bpfsh.completions.ArgKind;
import io.bpfsh.completions.Completes;
import io.bpfsh.completions.SectionValue;
import io.bpfsh.engine.AsciiDigits;
import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.btf.BtfLayoutChange;
import io.bpfsh.engine.core.CoreResolution;
import io.bpfsh.engine.load.IncompatiblePolicy;
import io.bpfsh.engine.load.LoadEvent;
import io.bpfsh.engine.load.LoadPlan;
import io.bpfsh.engine.load.LoadOptions;
import io.bpfsh.engine.load.LoadReport;
import io.bpfsh.engine.load.LoadedProgram;
import io.bpfsh.engine.load.MapIncompatibleException;
import io.bpfsh.engine.load.MapMemory;
import io.bpfsh.engine.load.Module;
import io.bpfsh.engine.load.PlannedMap;
import io.bpfsh.engine.load.SectionParams;
import io.bpfsh.engine.load.UnknownProgramTypeException;
import io.bpfsh.engine.spec.MapSpec;
import io.bpfsh.engine.spec.ObjectSpec;
import io.bpfsh.engine.spec.ProgramSpec;
import io.bpfsh.engine.sys.ProgType;
import io.bpfsh.engine.sys.ProgramLoadException;
import io.bpfsh.shell.CommandException;
import io.bpfsh.shell.data.SizeLiteral;
import io.bpfsh.shell.output.JsonWriter;
import io.bpfsh.shell.output.Table;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "load",
        description = {"Load an eBPF object: create or reuse its maps, pin them, load its programs (gobpf's Load).",
                "Each map is pinned as its definition says: PIN_NONE not at all, PIN_OBJECT_NS at "
                        + "<root>/<namespace>/<sha1 of the object>/<map>, PIN_GLOBAL_NS at "
                        + "<root>/<namespace>/globals/<map>, PIN_CUSTOM_NS at <root>/<PATH> from --pin-path. "
                        + "A map already pinned there is reused when compatible (type, sizes, flags and, where "
                        + "both have BTF, the key and value layouts); --on-incompatible says what to do when "
                        + "it is not. --dry-run shows this plan without changing anything. The load is all-or-nothing: "
                        + "on failure nothing it created is left. SECTION is the map's section key, "
                        + "maps/NAME (the 'maps/' may be left out). A relative FILE in a script is relative "
                        + "to the script's directory."},
        footer = {"  load samples/gobpf_global.o --as global       the module global:",
                "  load samples/gobpf_custom.o --as custom \\",
                "      --pin-path dummy_array_custom=ns1/test1",
                "  load samples/modern_counter.o --as counter     typed maps (BTF)",
                "  load samples/modern_config.o --as config       global data: .data, .rodata",
                "  load samples/modern_events.o --as m            rings, queues, a histogram",
                "  load samples/modern_tailcall.o --as tail       a program array",
                "  load samples/gobpf_object.o --max-entries dummy_private=64",
                "  load big.o --max-map-memory 4G                 allow maps of up to 4 GiB each",
                "  load samples/gobpf_custom.o --dry-run          what it asks for, and the plan",
                "  load samples/core_task.o --dry-run             its CO-RE relocations, resolved",
                "  load samples/modern_config.o --set cfg_divisor=4   a .rodata setting",
                "  load samples/stats_v2.o --on-incompatible migrate  upgrade stats_v1.o's pins",
                "  load samples/bad_verifier.o --verifier-log     why the verifier refuses it",
                "  load samples/xdp_filter.o --as filter --verifier-log   and its statistics",
                "  load samples/modern_subprogs.o --pin-progs progs   its programs pinned too",
                "  load prog.o --type mysection=xdp               a section that names no type",
                "  load prog.o --type socket_filter               every such section's type"})
final class Load extends ShellCommand {
    /** Said after a load with programs: nothing else keeps them once bpfsh exits. */
    static final String PROGRAMS_LIVE = "its programs live until the module is closed or the session ends, unless"
            + " pinned (pin MODULE:SECTION PATH) or attached through a pinned link (attach ... --pin PATH)";

    @Completes(ArgKind.OBJECT_FILE)
    @Parameters(index = "0", paramLabel = "FILE", description = "The eBPF object (ELF .o).")
    private String file;

    @Completes(ArgKind.TEXT)
    @Option(names = "--as", paramLabel = "NAME",
            description = "The module's name in this session (default: the file name without .o).")
    private String name;

    // lists, not maps: a section given twice is an error, never silently the last value
    @Completes(ArgKind.FILE_SECTION_PIN_PATH)
    @Option(names = "--pin-path", paramLabel = "SECTION=PATH", converter = SectionValue.Converter.class,
            description = "Where a PIN_CUSTOM_NS map pins, relative to the bpffs root (repeatable, once per section).")
    private List<SectionValue> pinPaths = new ArrayList<>();

    @Completes(ArgKind.FILE_SECTION_NUMBER)
    @Option(names = "--max-entries", paramLabel = "SECTION=N", converter = SectionValue.Converter.class,
            description = "Override a map's max entries (repeatable, once per section).")
    private List<SectionValue> maxEntries = new ArrayList<>();

    @Completes(ArgKind.FILE_VARIABLE_VALUE)
    @Option(names = "--set", paramLabel = "VAR=VALUE", converter = SectionValue.Converter.class,
            description = "Set a global variable (.rodata, .data, .bss) before the programs load, typed by its BTF "
                    + "type as update reads values, e.g. a const volatile configuration (repeatable, once per "
                    + "variable).")
    private List<SectionValue> variables = new ArrayList<>();

    @Completes(ArgKind.TEXT)
    @Option(names = "--optional", paramLabel = "SECTION",
            description = "Load this program too, though its section name starts with '?' (libbpf loads such "
                    + "programs only when asked); the section or function name. Repeatable.")
    private List<String> optional = new ArrayList<>();

    @Completes(ArgKind.PIN_PATH)
    @Option(names = "--pin-root", paramLabel = "DIR",
            description = "Where LIBBPF_PIN_BY_NAME maps pin, relative to the bpffs root (default: the root).")
    private String pinRoot;

    @Completes(ArgKind.TEXT)
    @Option(names = "--max-map-memory", paramLabel = "SIZE",
            description = "The most kernel memory one map may take up front, estimated from its definition before it "
                    + "is created (default 1G; bytes or K, M, G, T).")
    private String maxMapMemory;

    @Completes(ArgKind.FLAG)
    @Option(names = "--dry-run", description = "Only read the object and bpffs: show the object's maps, programs and "
            + "CO-RE relocations (each with the kernel type and value it resolves to, or 'poisoned'), and for each "
            + "map its pin path and what the load would do (create, reuse id N, or fail/replace/migrate with every "
            + "difference). Nothing is created or changed.")
    private boolean dryRun;

    @Completes(ArgKind.CHOICE)
    @Option(names = "--on-incompatible", paramLabel = "POLICY", converter = PolicyConverter.class,
            completionCandidates = PolicyConverter.class,
            description = "When a map is pinned where a map wants to pin, but differs: fail (default: refuse the "
                    + "load), replace (create the new map and rename it over the old pin in one step; the old "
                    + "map lives on for its holders), migrate (as replace, after copying the old map's entries "
                    + "by BTF member names).")
    private IncompatiblePolicy onIncompatible = IncompatiblePolicy.FAIL;

    /** fail|replace|migrate, case-insensitive; the same words are offered for completion. */
    static final class PolicyConverter implements picocli.CommandLine.ITypeConverter<IncompatiblePolicy>,
            Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(IncompatiblePolicy.values()).map(IncompatiblePolicy::displayName).iterator();
        }

        @Override
        public IncompatiblePolicy convert(String value) {
            for (IncompatiblePolicy p : IncompatiblePolicy.values()) {
                if (p.displayName().equalsIgnoreCase(value)) {
                    return p;
                }
            }
            throw new picocli.CommandLine.TypeConversionException("'" + value
                    + "' is not a policy (fail, replace, migrate)");
        }
    }

    @Completes(ArgKind.FILE_SECTION_PROG_TYPE)
    @Option(names = "--type", paramLabel = "[SECTION=]TYPE", converter = SectionValue.Converter.class,
            description = "The program type of a section whose name says none (or says another), as bpftool's "
                    + "type does: SECTION=TYPE for one section (repeatable, once per section), TYPE alone for every "
                    + "section whose name says none. TYPE is bpftool's name: xdp, socket_filter, sched_cls, ...")
    private List<SectionValue> types = new ArrayList<>();

    @Completes(ArgKind.PIN_PATH)
    @Option(names = "--pin-progs", paramLabel = "DIR",
            description = "Pin every program at DIR/<function name>, relative to the bpffs root, as bpftool prog "
                    + "loadall does; the pins outlive the session.")
    private String pinProgs;

    @Completes(ArgKind.FLAG)
    @Option(names = "--verifier-log",
            description = "Print the verifier's log of each program with its statistics; when the verifier refuses "
                    + "a program, its whole log on stderr (--debug does that too).")
    private boolean verifierLog;

    @Override
    protected void execute() throws EngineException {
        Path path = session.resolveFile(file);
        String moduleName = name != null ? name : defaultName(path);
        if (!dryRun && session.hasModule(moduleName)) {
            throw new CommandException("load " + file + ": a module named " + moduleName + " is already loaded (from "
                    + session.modules().get(moduleName).file() + "); choose another name with --as NAME");
        }
        Map<String, String> paths = perSection("--pin-path", pinPaths, "PATH");
        Map<String, String> sizes = perSection("--max-entries", maxEntries, "N");
        Map<String, SectionParams> params = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : paths.entrySet()) {
            params.put(e.getKey(), new SectionParams(e.getValue(), 0));
        }
        for (Map.Entry<String, String> e : sizes.entrySet()) {
            long n = AsciiDigits.parseDecimal(e.getValue(), 0xffffffffL); // a u32, as the kernel takes it
            if (n <= 0) {
                throw new CommandException("load " + file + ": --max-entries " + e.getKey() + "=" + e.getValue()
                        + ": max entries must be a positive integer");
            }
            SectionParams old = params.get(e.getKey());
            params.put(e.getKey(), new SectionParams(old == null ? null : old.pinPath(), (int) n));
        }
        long memoryLimit = memoryLimit();
        Module module = Module.open(path, dryRun ? session.bpffs() : session.mountedBpffs());
        LoadOptions options = new LoadOptions(pinRoot).withVariables(variables()).withOnIncompatible(onIncompatible)
                .withMaxMapMemory(memoryLimit);
        if (pinProgs != null) {
            options = options.withProgramPins(pinProgs);
        }
        if (verifierLog) {
            options = options.withVerifierLog();
        }
        for (String o : optional) {
            options = options.withOptionalProgram(o);
        }
        options = withTypes(options);
        if (dryRun) {
            try (module) {
                printSpec(module.spec(), module.coreRelocations().all(), module.plan(params, options));
            }
            return;
        }
        LoadReport report;
        try {
            report = module.load(params, options);
            session.addModule(moduleName, module);
        } catch (EngineException | RuntimeException e) {
            module.close();
            if (verifierLog || session.settings().debug()) {
                printVerifierLog(e);
            }
            if (e instanceof UnknownProgramTypeException u) {
                throw new CommandException(path + ": section " + u.section() + ": unknown program type (the section"
                        + " name follows no convention bpfsh knows); give it with --type " + u.section()
                        + "=TYPE, e.g. --type " + u.section() + "=xdp, or --type TYPE for every such section");
            }
            throw e;
        }
        if (json()) {
            JsonWriter w = jsonWriter().beginObject().field("module", moduleName).field("file", path.toString())
                    .name("events").beginArray();
            for (LoadEvent ev : report.events()) {
                w.beginObject().field("kind", ev.kind().name().toLowerCase(java.util.Locale.ROOT))
                        .field("subject", ev.subject()).field("path", ev.path()).field("detail", ev.detail())
                        .endObject();
            }
            w.endArray();
            ModuleListing.MAPS.jsonMember(w, moduleName, module);
            ModuleListing.PROGRAMS.jsonMember(w, moduleName, module);
            if (verifierLog) {
                w.name("verifier_logs").beginArray();
                for (LoadedProgram p : module.programs()) {
                    w.beginObject().field("section", p.section()).field("name", p.name())
                            .field("log", p.verifierLog()).endObject();
                }
                w.endArray();
            }
            w.endObject().endDocument();
            return;
        }
        for (LoadEvent ev : report.events()) {
            confirm(ev.toString());
        }
        if (verifierLog) {
            for (LoadedProgram p : module.programs()) {
                out().println("verifier log for " + p.section() + ":");
                p.verifierLog().stripTrailing().lines().forEach(out()::println); // each println is one line
            }
        }
        confirm("module " + moduleName + ": " + count(module.maps().size(), "map") + ", "
                + count(module.programs().size(), "program") + " from " + file);
        if (!module.programs().isEmpty()) {
            confirm(PROGRAMS_LIVE);
        }
    }

    private long memoryLimit() throws CommandException {
        if (maxMapMemory == null) {
            return MapMemory.DEFAULT_LIMIT;
        }
        long limit = SizeLiteral.parse(maxMapMemory);
        if (limit < 0) {
            throw new CommandException("load " + file + ": --max-map-memory " + maxMapMemory
                    + ": not a size (bytes, or a number with K, M, G or T)");
        }
        return limit;
    }

    /** The verifier's whole log, before the one-line error that ends with its last words. */
    private void printVerifierLog(Throwable failure) {
        if (failure instanceof ProgramLoadException p) { // the engine adds context without wrapping
            out().flush();
            PrintWriter err = session.err();
            String log = p.verifierLog().stripTrailing();
            err.println("verifier log for " + p.subject() + ":" + (log.isEmpty() ? " (empty)" : ""));
            log.lines().forEach(err::println); // a line at a time: each println is one line
            err.flush();
        }
    }

    /** What the object asks for, how each CO-RE relocation resolves against this kernel, and the load plan. */
    private void printSpec(ObjectSpec spec, List<CoreResolution> core, LoadPlan plan) {
        if (json()) {
            JsonWriter w = jsonWriter().beginObject().field("file", spec.file().toString())
                    .field("license", spec.license()).field("kernel_version", Integer.toUnsignedLong(spec.kernelVersion()))
                    .name("maps").beginArray();
            for (MapSpec m : spec.maps()) {
                w.beginObject().field("name", m.name()).field("section", m.key()).field("type", m.typeName())
                        .field("key_size", Integer.toUnsignedLong(m.keySize())).field("value_size", Integer.toUnsignedLong(m.valueSize()))
                        .field("max_entries", Integer.toUnsignedLong(m.maxEntries())).field("flags", Integer.toUnsignedLong(m.flags()))
                        .field("pinning", m.pinning().displayName()).field("namespace", m.namespace()).endObject();
            }
            w.endArray().name("programs").beginArray();
            for (ProgramSpec p : spec.programs()) {
                w.beginObject().field("section", p.section()).field("name", p.name())
                        .field("type", p.type().displayName()).field("instructions", p.instructionCount()).endObject();
            }
            w.endArray().name("core_relocations").beginArray();
            for (CoreResolution r : core) {
                w.beginObject().field("section", r.section()).field("instruction", r.instruction())
                        .field("kind", r.kind().label()).field("access", r.accessString()).field("local", r.local())
                        .field("target_btf", r.targetBtf()).field("target", r.target())
                        .field("poisoned", r.poisoned());
                if (!r.poisoned()) w.field("expected", r.expected()).field("value", r.value());
                w.endObject();
            }
            w.endArray().name("notes").beginArray();
            for (String n : spec.notes()) {
                w.value(n);
            }
            w.endArray().name("untyped").beginArray();
            for (String s : spec.untypedSections()) {
                w.value(s);
            }
            w.endArray();
            planJson(w, plan);
            w.endObject().endDocument();
            return;
        }
        PrintWriter out = out();
        out.println(spec.file() + ": license " + spec.license() + ", " + count(spec.maps().size(), "map") + ", "
                + count(spec.programs().size(), "program"));
        if (!spec.maps().isEmpty()) {
            Table t = new Table("SECTION", "TYPE", "KEY", "VALUE", "MAX", "FLAGS", "PINNING", "NAMESPACE");
            for (MapSpec m : spec.maps()) {
                t.row(m.key(), m.typeName(), Integer.toUnsignedLong(m.keySize()), Integer.toUnsignedLong(m.valueSize()), Integer.toUnsignedLong(m.maxEntries()),
                        "0x" + Integer.toHexString(m.flags()), m.pinning().displayName(),
                        m.namespace() == null || m.namespace().isEmpty() ? null : m.namespace());
            }
            t.print(out, session.palette());
        }
        if (!spec.programs().isEmpty()) {
            Table t = new Table("PROGRAM SECTION", "FUNCTION", "TYPE", "INSNS");
            for (ProgramSpec p : spec.programs()) {
                t.row(p.section(), p.name(), p.type().displayName(), p.instructionCount());
            }
            t.print(out, session.palette());
        }
        if (!core.isEmpty()) {
            out.println(count(core.size(), "CO-RE relocation") + " against this kernel's BTF:");
            for (CoreResolution r : core) {
                out.println("  " + r.describe());
            }
        }
        for (String n : spec.notes()) {
            out.println("note: " + n);
        }
        for (String s : spec.untypedSections()) {
            out.println("section " + s + ": unknown program type (the section name follows no convention bpfsh knows)");
        }
        for (PlannedMap m : plan.maps()) {
            out.println("plan: map " + m.name() + " (" + m.spec().pinning().displayName() + ")"
                    + m.pinPath().map(p -> " at " + p).orElse(", not pinned") + ": " + m);
        }
    }

    /** The plan as data: per map its pin path, action, pinned id and each difference (layouts member by member). */
    private static void planJson(JsonWriter w, LoadPlan plan) {
        w.name("plan").beginObject().field("on_incompatible", plan.policy().displayName()).name("maps").beginArray();
        for (PlannedMap m : plan.maps()) {
            w.beginObject().field("name", m.name()).field("pinning", m.spec().pinning().displayName())
                    .field("pin_path", m.pinPath().map(Object::toString).orElse(null))
                    .field("action", m.action().displayName());
            if (m.pinnedId() != 0) {
                w.field("pinned_id", m.pinnedId());
            }
            m.migrationReport().ifPresent(r -> {
                w.name("migration").beginObject();
                Migrate.members(w, r);
                w.endObject();
            });
            if (m.migrationRefusal() != null) {
                w.field("migration_refusal", m.migrationRefusal());
            }
            w.name("differences").beginArray();
            for (MapIncompatibleException.Difference d : m.differences()) {
                w.beginObject().field("field", d.field()).field("in_object", d.inObject()).field("pinned", d.pinned());
                if (!d.layout().isEmpty()) {
                    w.name("members").beginArray();
                    for (BtfLayoutChange c : d.layout()) {
                        w.beginObject().field("member", c.member()).field("change", c.kind().displayName())
                                .field("in_object", c.newer() == null ? null : c.newer().describe())
                                .field("pinned", c.older() == null ? null : c.older().describe()).endObject();
                    }
                    w.endArray();
                }
                w.endObject();
            }
            w.endArray().endObject();
        }
        w.endArray().endObject();
    }

    /** --set VAR=VALUE by variable name, each variable at most once. */
    private Map<String, String> variables() throws CommandException {
        Map<String, String> byName = new LinkedHashMap<>();
        for (SectionValue v : variables) {
            if (v.section().isEmpty() || !v.hasValue()) {
                throw new CommandException("load " + file + ": --set " + v + ": expected VAR=VALUE");
            }
            if (byName.putIfAbsent(v.section(), v.value()) != null) {
                throw new CommandException("load " + file + ": --set given twice for " + v.section());
            }
        }
        return byName;
    }

    /** SECTION=VALUE options by section key ("maps/NAME"), each section at most once. */
    /** --type: each SECTION=TYPE, and a TYPE alone as the type of every section whose name says none. */
    private LoadOptions withTypes(LoadOptions options) throws CommandException {
        LoadOptions o = options;
        boolean defaultGiven = false;
        Set<String> sections = new HashSet<>();
        for (SectionValue t : types) {
            if (!t.hasValue()) {
                if (defaultGiven) {
                    throw new CommandException("load " + file + ": --type TYPE (for every section) given twice");
                }
                defaultGiven = true;
                o = o.withDefaultProgramType(programType(t.section()));
            } else if (!sections.add(t.section())) {
                throw new CommandException("load " + file + ": --type given twice for section " + t.section());
            } else {
                o = o.withProgramType(t.section(), programType(t.value()));
            }
        }
        return o;
    }

    private ProgType programType(String name) throws CommandException {
        return ProgType.byName(name).orElseThrow(() -> new CommandException("load " + file + ": --type " + name
                + ": not a program type (one of: " + Arrays.stream(ProgType.values()).filter(t -> t != ProgType.UNSPEC)
                .map(ProgType::displayName).collect(Collectors.joining(", ")) + ")"));
    }

    private Map<String, String> perSection(String option, List<SectionValue> given, String valueLabel)
            throws CommandException {
        Map<String, String> bySection = new LinkedHashMap<>();
        for (SectionValue g : given) {
            if (g.section().isEmpty() || !g.hasValue()) {
                throw new CommandException("load " + file + ": " + option + " " + g + ": expected SECTION=" + valueLabel);
            }
            String key = g.sectionKey();
            if (bySection.putIfAbsent(key, g.value()) != null) {
                throw new CommandException("load " + file + ": " + option + " given twice for " + key);
            }
        }
        return bySection;
    }

    /** "gobpf_custom" for ".../gobpf_custom.o". */
    static String defaultName(Path path) {
        String f = path.getFileName().toString();
        return f.endsWith(".o") && f.length() > 2 ? f.substring(0, f.length() - 2) : f;
    }

    static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
