package io.bpfsh.completions;

import io.bpfsh.completions.CommandTable.Command;
import io.bpfsh.completions.CommandTable.Option;
import io.bpfsh.completions.CommandTable.Positional;
import io.bpfsh.engine.sys.ProgType;
import io.bpfsh.engine.attach.Tracepoints;
import io.bpfsh.engine.fs.Tracefs;
import io.bpfsh.engine.sys.NetDevices;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * bpfsh's tab completion of what picocli's completer cannot complete: positional arguments and
 * option values, by the kinds the commands' picocli model gives (see {@link CommandTable}). The shell puts it in an
 * {@code AggregateCompleter} next to picocli's completer, which offers command and option names; this
 * one offers neither, except the flags a command asks to offer ({@code update}'s --noexist and --exist,
 * on an empty word after the VALUE).
 *
 * <p>What it offers, by kind: host files (preferring {@code *.o} for load, {@code *.bpfsh} for
 * source), bpffs paths with each pin's kind and type, object references ({@code MODULE:NAME},
 * {@code @HANDLE}, {@code id:N}, pin paths; only maps where a map is wanted), module, handle and
 * command names, and the map sections of the FILE or MODULE on the line for {@code --pin-path},
 * {@code --max-entries} and {@code --unpin}.
 *
 * <p>It reads the session through {@link SessionView} and the kernel by opening objects, and never
 * changes either. A completion stays within a bounded number of object opens and a time budget
 * (see {@link PinLabels}); candidates past it come without a description. It never throws: a source
 * that fails (no permission, a file that vanished) just adds nothing.
 */
public final class BpfshCompleter implements Completer {
    /** tracefs's tracepoints, listed on the first TAB that wants one (they change only with modules). */
    private volatile List<String> tracepointNames;

    private final SessionView view;
    private final CommandTable commands;
    private final Supplier<Path> workingDirectory;
    private final PinLabels labels;
    private final HostFileCompleter hostFiles;
    private final BpffsPathCompleter pinPaths;
    private final RefCompleter refs;

    /**
     * Completes the commands of a table against the session's view; host paths resolve against the
     * process's working directory.
     */
    public BpfshCompleter(CommandTable commands, SessionView view) {
        this(commands, view, () -> Path.of("").toAbsolutePath(), PinLabels.Limits.DEFAULT);
    }

    BpfshCompleter(CommandTable commands, SessionView view, Supplier<Path> workingDirectory, PinLabels.Limits limits) {
        this.commands = commands;
        this.view = view;
        this.workingDirectory = workingDirectory;
        this.labels = new PinLabels(limits);
        this.hostFiles = new HostFileCompleter(workingDirectory);
        this.pinPaths = new BpffsPathCompleter(view::bpffsRoot, labels);
        this.refs = new RefCompleter(view, new KernelIdCompleter(labels), pinPaths);
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String word = line.word();
        String typed = word.substring(0, Math.min(Math.max(line.wordCursor(), 0), word.length()));
        LineContext ctx = LineContext.of(commands, line.words(), line.wordIndex(), typed);
        List<Candidate> found = new ArrayList<>();
        try {
            switch (ctx.position()) {
                case POSITIONAL:
                case OPTION_VALUE:
                    complete(ctx, found);
                    break;
                case OFFERED_FLAGS:
                    offerFlags(ctx.command(), ctx, found);
                    break;
                case OPTION_NAMES:
                    offerOptionNames(ctx.command(), ctx, found);
                    break;
                default:
                    break;
            }
        } catch (RuntimeException e) {
            // completion must never break the prompt: offer what was found before the failure
        }
        String prefix = ctx.valuePrefix();
        for (Candidate c : found) {
            candidates.add(prefix.isEmpty() ? c : new Candidate(prefix + c.value(), c.displ(), c.group(),
                    c.descr(), c.suffix(), c.key(), c.complete(), c.sort()));
        }
    }

    private void complete(LineContext ctx, List<Candidate> out) {
        String typed = ctx.typed();
        PinLabels.Budget budget = labels.budget();
        switch (ctx.kind()) {
            case OBJECT_FILE:
                hostFiles.complete(typed, ".o", out);
                break;
            case SCRIPT_FILE:
                hostFiles.complete(typed, ".bpfsh", out);
                break;
            case MODULE:
                names(view.moduleNames(), "module", out);
                break;
            case HANDLE:
                names(view.handleNames(), "handle", out);
                break;
            case COMMAND:
                for (Command c : commands.all()) {
                    out.add(Candidates.complete(c.name(), c.name(), c.synopsis()));
                }
                break;
            case REF:
                refs.complete(typed, BpffsPathCompleter.Filter.ANY, budget, out);
                break;
            case MAP_REF:
                refs.complete(typed, BpffsPathCompleter.Filter.MAPS, budget, out);
                break;
            case PROG_REF:
                refs.complete(typed, BpffsPathCompleter.Filter.PROGS, budget, out);
                break;
            case PROG_REF_OR_OBJECT_FILE:
                refs.complete(typed, BpffsPathCompleter.Filter.PROGS, budget, out);
                if (!looksLikeRef(typed)) {
                    hostFiles.complete(typed, ".o", out);
                }
                break;
            case FILE_PROGRAM_SECTION:
                programSectionOfFile(ctx, "", out);
                break;
            case FILE_SECTION_PROG_TYPE:
                sectionTypeOfFile(ctx, out);
                break;
            case HOST_FILE:
                hostFiles.complete(typed, "", out);
            case LINK_REF:
                refs.complete(typed, BpffsPathCompleter.Filter.LINKS, budget, out);
                break;
            case HOST_DIRECTORY:
                hostDirectories(typed, out);
                break;
            case NET_DEVICE:
                names(NetDevices.names(), "network device", out);
                break;
            case TRACEPOINT:
                tracepoints(false, out);
                break;
            case RAW_TRACEPOINT:
                tracepoints(true, out);
                break;
            case PIN_PATH:
                pinPaths.complete("", typed, BpffsPathCompleter.Filter.ANY, budget, out);
                break;
            case FILE_SECTION_PIN_PATH:
            case FILE_SECTION_NUMBER:
                sectionOfFile(ctx, budget, out);
                break;
            case MODULE_SECTION:
                sectionOfModule(ctx, budget, out);
                break;
            case CHOICE:
                List<String> choices = ctx.valueOption().map(CommandTable.Option::choices).orElse(ctx.choices());
                for (String choice : choices) {
                    if (choice.startsWith(typed)) {
                        out.add(Candidates.complete(choice, choice, null));
                    }
                }
                break;
            case FILE_VARIABLE_VALUE:
                variableOfFile(ctx, out);
                break;
            case RECORD_TYPE:
                recordType(ctx, out);
                break;
            case TEXT:
            default:
                break;
        }
    }

    /** {@code SECTION=} from the object FILE on the line, then (for PATH) a bpffs path after the '='. */
    private void sectionOfFile(LineContext ctx, PinLabels.Budget budget, List<Candidate> out) {
        String typed = ctx.typed();
        SectionValue sv = SectionValue.parse(typed);
        if (sv.hasValue()) {
            if (ctx.kind() == ArgKind.FILE_SECTION_PIN_PATH) {
                pinPaths.complete(sv.section() + "=", sv.value(), BpffsPathCompleter.Filter.ANY, budget, out);
            }
            return; // SECTION=N: a number, nothing to offer
        }
        Path object = objectFileOnLine(ctx);
        if (object == null) {
            return;
        }
        for (String section : view.mapSectionKeysOfObject(object)) {
            out.add(Candidates.partial(section + "=", section, "map section"));
        }
    }

    /** The object file given on the line (load's FILE, disasm's FILE), resolved; null when there is none. */
    private Path objectFileOnLine(LineContext ctx) {
        String file = positionalOfKind(ctx, ArgKind.OBJECT_FILE);
        if (file == null) {
            file = positionalOfKind(ctx, ArgKind.PROG_REF_OR_OBJECT_FILE);
        }
        if (file == null) {
            return null;
        }
        try {
            return workingDirectory.get().resolve(file);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** {@code @NAME}, {@code id:N} or {@code MODULE:NAME} of a loaded module: no host file starts so. */
    private boolean looksLikeRef(String typed) {
        int colon = typed.indexOf(':');
        return typed.startsWith("@") || typed.startsWith(KernelIdCompleter.PREFIX)
                || colon > 0 && view.moduleNames().contains(typed.substring(0, colon));
    }

    /** The program sections of the object file on the line, each followed by {@code suffix}. */
    private void programSectionOfFile(LineContext ctx, String suffix, List<Candidate> out) {
        Path object = objectFileOnLine(ctx);
        if (object == null) {
            return;
        }
        for (String section : view.programSectionsOfObject(object)) {
            out.add(suffix.isEmpty() ? Candidates.complete(section, section, "program section")
                    : Candidates.partial(section + suffix, section, "program section"));
        }
    }

    /** {@code SECTION=TYPE}: the FILE's program sections, then program types after the '='; or a bare TYPE. */
    private void sectionTypeOfFile(LineContext ctx, List<Candidate> out) {
        SectionValue sv = SectionValue.parse(ctx.typed());
        String prefix = sv.hasValue() ? sv.section() + "=" : "";
        for (ProgType t : ProgType.values()) {
            if (t != ProgType.UNSPEC) {
                out.add(Candidates.complete(prefix + t.displayName(), t.displayName(), "program type"));
            }
        }
        if (!sv.hasValue()) {
            programSectionOfFile(ctx, "=", out);
        }
    }

    /** {@code VAR=} from the object FILE on the line; nothing after the '=' (a value). */
    private void variableOfFile(LineContext ctx, List<Candidate> out) {
        if (ctx.typed().contains("=")) {
            return;
        }
        String file = positionalOfKind(ctx, ArgKind.OBJECT_FILE);
        if (file == null) {
            return;
        }
        try {
            for (String v : view.globalVariablesOfObject(workingDirectory.get().resolve(file))) {
                out.add(Candidates.partial(v + "=", v, "global variable"));
            }
        } catch (InvalidPathException e) {
            // not a path: nothing to read variables from
        }
    }

    /** {@code SECTION} of the MODULE on the line, or a bpffs path after {@code SECTION=}. */
    private void sectionOfModule(LineContext ctx, PinLabels.Budget budget, List<Candidate> out) {
        String typed = ctx.typed();
        SectionValue sv = SectionValue.parse(typed);
        if (sv.hasValue()) {
            pinPaths.complete(sv.section() + "=", sv.value(), BpffsPathCompleter.Filter.ANY, budget, out);
            return;
        }
        String module = positionalOfKind(ctx, ArgKind.MODULE);
        if (module == null) {
            return;
        }
        for (String section : view.mapSectionKeys(module)) {
            out.add(Candidates.complete(section, section, "map section"));
        }
    }

    /**
     * The types of the module whose map is on the line (MODULE:NAME), by bare name: "event" finds
     * "struct event" and needs no quotes at the prompt.
     */
    private void recordType(LineContext ctx, List<Candidate> out) {
        String ref = positionalOfKind(ctx, ArgKind.MAP_REF);
        int colon = ref == null ? -1 : ref.indexOf(':');
        if (colon <= 0 || ref.startsWith("id:")) {
            return;
        }
        for (String spelled : view.recordTypeNames(ref.substring(0, colon))) {
            String bare = spelled.substring(spelled.lastIndexOf(' ') + 1);
            out.add(Candidates.complete(bare, bare, spelled));
        }
    }

    /** update's --noexist and --exist, unless one of them is already on the line. */
    private static void offerFlags(Command command, LineContext ctx, List<Candidate> out) {
        List<Option> flags = command.offeredFlags();
        if (flags.stream().anyMatch(f -> ctx.hasOption(f.name()))) {
            return;
        }
        for (Option flag : flags) {
            out.add(Candidates.complete(flag.name(), flag.name(), flag.description()));
        }
    }

    /**
     * The command's option names after a positional, where picocli offers none: those not on the line
     * yet, repeatable ones always, and none from an exclusive group one of whose members is there.
     */
    private static void offerOptionNames(Command command, LineContext ctx, List<Candidate> out) {
        for (Option o : command.options()) {
            if (ctx.hasOption(o.name()) && !o.repeatable()) {
                continue;
            }
            if (o.exclusiveGroup() != null && command.options().stream().anyMatch(other -> other != o
                    && o.exclusiveGroup().equals(other.exclusiveGroup()) && ctx.hasOption(other.name()))) {
                continue;
            }
            out.add(Candidates.complete(o.name(), o.name(), o.description()));
        }
    }

    /** The value of the command's first positional of a kind, as typed on the line, or null. */
    private static String positionalOfKind(LineContext ctx, ArgKind kind) {
        List<Positional> positionals = ctx.command().positionals();
        for (int i = 0; i < positionals.size(); i++) {
            if (positionals.get(i).kind() == kind) {
                String value = ctx.positional(i);
                return value == null || value.isEmpty() ? null : value;
            }
        }
        return null;
    }

    /** Host directories only: what the host file completer offers, less the files. */
    private void hostDirectories(String typed, List<Candidate> out) {
        List<Candidate> found = new ArrayList<>();
        hostFiles.complete(typed, "/", found);
        found.stream().filter(c -> c.value().endsWith("/")).forEach(out::add);
    }

    /** Tracepoints as CATEGORY/NAME, or (raw) their names alone; read from tracefs once, never mounting it. */
    private void tracepoints(boolean raw, List<Candidate> out) {
        List<String> all = tracepointNames;
        if (all == null) {
            all = Tracefs.locate().map(Tracepoints::names).orElse(List.of());
            tracepointNames = all;
        }
        Set<String> seen = new HashSet<>();
        for (String t : all) {
            String n = raw ? t.substring(t.indexOf('/') + 1) : t;
            if (seen.add(n)) {
                out.add(Candidates.complete(n, n, raw ? "raw tracepoint" : "tracepoint"));
            }
        }
    }

    private static void names(List<String> names, String description, List<Candidate> out) {
        for (String n : names) {
            out.add(Candidates.complete(n, n, description));
        }
    }
}
