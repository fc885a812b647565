package io.bpfsh.completions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one table of bpfsh's commands as completion sees them: each command's positional arguments and
 * options, and what kind of value each takes. It mirrors the shell's picocli commands (issue 4) and is
 * kept here, in one place, so that a change to a command's arguments is one edit; the shell can check
 * its commands against {@link #all()} in a test.
 *
 * <p>Only argument kinds matter to completion; how a value is parsed or validated is the shell's.
 */
public final class CommandArguments {

    /** What kind of value a positional argument or an option takes, which decides what is offered. */
    public enum Kind {
        /** A host file to load: directories and {@code *.o} files (other files when no {@code *.o} matches). */
        OBJECT_FILE,
        /** A host batch file: directories and {@code *.bpfsh} files (others when none matches). */
        SCRIPT_FILE,
        /** A loaded module's name. */
        MODULE,
        /** A handle's name, without the '@'. */
        HANDLE,
        /** A bpfsh command name (for {@code help COMMAND}). */
        COMMAND,
        /** Any object: {@code MODULE:NAME}, {@code @HANDLE}, {@code id:N} or a pin path. */
        REF,
        /** A map: as {@link #REF}, but only maps (and directories to walk through) are offered. */
        MAP_REF,
        /** A bpffs path: relative to the bpffs root, or absolute. */
        PIN_PATH,
        /** {@code SECTION=PATH}: a map section of the FILE on the line, then a bpffs path. */
        FILE_SECTION_PIN_PATH,
        /** {@code SECTION=N}: a map section of the FILE on the line, then a number (not completed). */
        FILE_SECTION_NUMBER,
        /** {@code SECTION[=PATH]}: a map section of the MODULE on the line, optionally a bpffs path. */
        MODULE_SECTION,
        /** Free text that completion cannot guess: names to give, keys, values, numbers. */
        TEXT
    }

    /** A positional argument: its label in the synopsis, its kind, and whether it may be left out. */
    public record Positional(String label, Kind kind, boolean optional) {
    }

    /**
     * An option. {@code kind} is null for a flag (it takes no value). Options that share a non-null
     * {@code exclusiveGroup} exclude each other.
     */
    public record Option(String name, String valueLabel, Kind kind, boolean repeatable, String exclusiveGroup,
                         String description) {
        public boolean takesValue() {
            return kind != null;
        }
    }

    /**
     * A command. {@code offeredFlags} are flags that completion offers by name once every positional
     * is given (for {@code update}: --noexist and --exist), because they choose how the command
     * behaves and are easy to forget; all other option names come from picocli's completer.
     */
    public record Command(String name, List<Positional> positionals, List<Option> options, List<String> offeredFlags) {

        public Optional<Option> option(String optionName) {
            for (Option o : options) {
                if (o.name().equals(optionName)) {
                    return Optional.of(o);
                }
            }
            return Optional.empty();
        }

        /** The positional at an index, or empty past the last one. */
        public Optional<Positional> positional(int index) {
            return index >= 0 && index < positionals.size() ? Optional.of(positionals.get(index)) : Optional.empty();
        }

        /** "update REF KEY VALUE [--noexist|--exist]", as the shell's usage line reads. */
        public String synopsis() {
            StringBuilder s = new StringBuilder(name);
            for (Positional p : positionals) {
                s.append(' ').append(p.optional() ? "[" + p.label() + "]" : p.label());
            }
            for (int i = 0; i < options.size(); i++) {
                Option o = options.get(i);
                if (o.exclusiveGroup() != null && i > 0 && o.exclusiveGroup().equals(options.get(i - 1).exclusiveGroup())) {
                    continue; // written with the first of its group
                }
                StringBuilder alternatives = new StringBuilder(render(o));
                for (int j = i + 1; j < options.size() && o.exclusiveGroup() != null
                        && o.exclusiveGroup().equals(options.get(j).exclusiveGroup()); j++) {
                    alternatives.append('|').append(render(options.get(j)));
                }
                s.append(" [").append(alternatives).append(']').append(o.repeatable() ? "..." : "");
            }
            return s.toString();
        }

        private static String render(Option o) {
            return o.takesValue() ? o.name() + " " + o.valueLabel() : o.name();
        }
    }

    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static {
        command("load", args(req("FILE", Kind.OBJECT_FILE)),
                opts(value("--as", "NAME", Kind.TEXT, false, "the module's name in this session"),
                        value("--pin-path", "SECTION=PATH", Kind.FILE_SECTION_PIN_PATH, true,
                                "the pin path of a map section"),
                        value("--max-entries", "SECTION=N", Kind.FILE_SECTION_NUMBER, true,
                                "the max entries of a map section"),
                        value("--pin-root", "DIR", Kind.PIN_PATH, false,
                                "where LIBBPF_PIN_BY_NAME maps pin (libbpf's pin_root_path)"),
                        value("--max-map-memory", "SIZE", Kind.TEXT, false,
                                "the most kernel memory one map may take up front (default 1G)"),
                        flag("--dry-run", null, "show what the object asks for; load nothing"),
                        flag("--verifier-log", null, "print the verifier's whole log when it refuses a program")));
        command("close", args(req("MODULE", Kind.MODULE)),
                opts(value("--unpin", "SECTION[=PATH]", Kind.MODULE_SECTION, true,
                                "remove the pin of a map section"),
                        flag("--unpin-all", null, "remove the pins of every map")));
        command("modules", args(), opts());
        command("maps", args(opt("MODULE", Kind.MODULE)), opts());
        command("progs", args(opt("MODULE", Kind.MODULE)), opts());
        command("pin", args(req("REF", Kind.REF), req("PATH", Kind.PIN_PATH)), opts());
        command("get", args(req("PATH", Kind.PIN_PATH)),
                opts(value("--as", "NAME", Kind.TEXT, false, "the handle's name"),
                        flag("--readonly", "access", "open read-only"),
                        flag("--writeonly", "access", "open write-only")));
        command("unpin", args(req("PATH", Kind.PIN_PATH)),
                opts(flag("--recursive", null, "remove a directory and everything below it")));
        command("ls", args(opt("PATH", Kind.PIN_PATH)),
                opts(flag("-l", null, "type, id and sizes"), flag("-R", null, "recurse into directories")));
        command("info", args(req("REF", Kind.REF)), opts());
        command("dump", args(req("REF", Kind.MAP_REF)), opts());
        command("lookup", args(req("REF", Kind.MAP_REF), req("KEY", Kind.TEXT)), opts());
        command("update", args(req("REF", Kind.MAP_REF), req("KEY", Kind.TEXT), req("VALUE", Kind.TEXT)),
                opts(flag("--noexist", "mode", "only create: fail if the key exists"),
                        flag("--exist", "mode", "only replace: fail if the key is missing")),
                List.of("--noexist", "--exist"));
        command("delete", args(req("REF", Kind.MAP_REF), req("KEY", Kind.TEXT)), opts());
        command("handles", args(), opts());
        command("release", args(req("NAME", Kind.HANDLE)), opts());
        command("source", args(req("FILE", Kind.SCRIPT_FILE)), opts());
        command("mount", args(), opts());
        command("help", args(opt("COMMAND", Kind.COMMAND)), opts());
        command("exit", args(), opts());
    }

    private CommandArguments() {
    }

    /** Every command, in the order help lists them. */
    public static List<Command> all() {
        return List.copyOf(COMMANDS.values());
    }

    public static Optional<Command> command(String name) {
        return Optional.ofNullable(COMMANDS.get(name));
    }

    private static void command(String name, List<Positional> positionals, List<Option> options) {
        command(name, positionals, options, List.of());
    }

    private static void command(String name, List<Positional> positionals, List<Option> options, List<String> offered) {
        COMMANDS.put(name, new Command(name, positionals, options, offered));
    }

    private static List<Positional> args(Positional... p) {
        return List.of(p);
    }

    private static List<Option> opts(Option... o) {
        return List.of(o);
    }

    private static Positional req(String label, Kind kind) {
        return new Positional(label, kind, false);
    }

    private static Positional opt(String label, Kind kind) {
        return new Positional(label, kind, true);
    }

    private static Option value(String name, String label, Kind kind, boolean repeatable, String description) {
        return new Option(name, label, kind, repeatable, null, description);
    }

    private static Option flag(String name, String group, String description) {
        return new Option(name, null, null, false, group, description);
    }
}
