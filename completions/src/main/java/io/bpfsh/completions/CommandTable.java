package io.bpfsh.completions;

import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * bpfsh's commands as completion sees them, read from the shell's picocli model (the one command
 * table): each command's positionals and options with the {@link ArgKind} its {@link Completes} gives.
 * Hidden options (-h/--help) are left out: completion never offers them.
 */
public final class CommandTable {

    /**
     * A positional argument: its label in the synopsis, its kind, whether it may be left out,
     * whether it takes any number of words (watch REF [KEY]...), and the words it takes when its kind
     * is {@link ArgKind#CHOICE} (empty otherwise).
     */
    public record Positional(String label, ArgKind kind, boolean optional, boolean repeatable, List<String> choices) {
    }

    /**
     * An option. Options that share a non-null {@code exclusiveGroup} (picocli's exclusive
     * {@code @ArgGroup}, named by its first option) exclude each other; {@code offered} flags are
     * offered by name once every positional is given ({@link Completes#offered()}); {@code choices} are
     * the words a {@link ArgKind#CHOICE} option takes.
     */
    public record Option(String name, String valueLabel, ArgKind kind, boolean repeatable, String exclusiveGroup,
                         String description, boolean offered, List<String> choices) {
        public boolean takesValue() {
            return kind != ArgKind.FLAG;
        }
    }

    /** A command and its arguments, in declaration order. */
    public record Command(String name, List<Positional> positionals, List<Option> options) {

        public Optional<Option> option(String optionName) {
            return options.stream().filter(o -> o.name().equals(optionName)).findFirst();
        }

        /** The positional at an index, or empty past the last one (unless that one repeats). */
        public Optional<Positional> positional(int index) {
            if (index >= positionals.size() && !positionals.isEmpty() && positionals.get(positionals.size() - 1).repeatable()) {
                return Optional.of(positionals.get(positionals.size() - 1));
            }
            return index >= 0 && index < positionals.size() ? Optional.of(positionals.get(index)) : Optional.empty();
        }

        /** The flags offered by name past the last positional. */
        public List<Option> offeredFlags() {
            return options.stream().filter(Option::offered).toList();
        }

        /** "update REF KEY VALUE [--noexist|--exist]", as the shell's usage line reads. */
        public String synopsis() {
            StringBuilder s = new StringBuilder(name);
            for (Positional p : positionals) {
                s.append(' ').append(p.optional() ? "[" + p.label() + "]" : p.label()).append(p.repeatable() ? "..." : "");
            }
            List<String> written = new ArrayList<>();
            for (Option o : options) {
                if (o.exclusiveGroup() != null && written.contains(o.exclusiveGroup())) {
                    continue; // written with the first of its group
                }
                StringBuilder alternatives = new StringBuilder(render(o));
                if (o.exclusiveGroup() != null) {
                    written.add(o.exclusiveGroup());
                    options.stream().filter(x -> x != o && o.exclusiveGroup().equals(x.exclusiveGroup()))
                            .forEach(x -> alternatives.append('|').append(render(x)));
                }
                s.append(" [").append(alternatives).append(']').append(o.repeatable() ? "..." : "");
            }
            return s.toString();
        }

        private static String render(Option o) {
            return o.takesValue() ? o.name() + " " + o.valueLabel() : o.name();
        }
    }

    private final Map<String, Command> commands = new LinkedHashMap<>();

    private CommandTable() {
    }

    /** The table of the subcommands of a picocli model, in the order they are registered. */
    public static CommandTable of(CommandLine root) {
        CommandTable t = new CommandTable();
        for (Map.Entry<String, CommandLine> e : root.getSubcommands().entrySet()) {
            t.commands.put(e.getKey(), command(e.getKey(), e.getValue().getCommandSpec()));
        }
        return t;
    }

    /** Every command, in the order help lists them. */
    public List<Command> all() {
        return List.copyOf(commands.values());
    }

    public Optional<Command> command(String name) {
        return Optional.ofNullable(commands.get(name));
    }

    /**
     * The kind an argument's {@link Completes} gives, or empty when it has none (a shell test makes
     * sure every argument has one).
     */
    public static Optional<Completes> completes(ArgSpec arg) {
        return arg.userObject() instanceof AnnotatedElement e
                ? Optional.ofNullable(e.getAnnotation(Completes.class)) : Optional.empty();
    }

    private static Command command(String name, CommandSpec spec) {
        List<Positional> positionals = new ArrayList<>();
        for (PositionalParamSpec p : spec.positionalParameters()) {
            List<String> choices = new ArrayList<>();
            if (kind(p) == ArgKind.CHOICE && p.completionCandidates() != null) {
                p.completionCandidates().forEach(choices::add); // an enum's constants, as picocli lists them
            }
            positionals.add(new Positional(p.paramLabel(), kind(p), p.arity().min() == 0, p.arity().isVariable(),
                    List.copyOf(choices)));
        }
        List<Option> options = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            if (o.hidden()) {
                continue;
            }
            String group = o.group() != null && o.group().exclusive() ? o.group().options().get(0).longestName() : null;
            boolean offered = completes(o).map(Completes::offered).orElse(false);
            List<String> choices = new ArrayList<>();
            if (o.completionCandidates() != null) {
                o.completionCandidates().forEach(choices::add);
            }
            options.add(new Option(o.longestName(), o.paramLabel(), kind(o), o.isMultiValue(), group,
                    summary(o.description()), offered, List.copyOf(choices)));
        }
        return new Command(name, List.copyOf(positionals), List.copyOf(options));
    }

    private static ArgKind kind(ArgSpec arg) {
        return completes(arg).map(Completes::value).orElse(arg.arity().max() == 0 ? ArgKind.FLAG : ArgKind.TEXT);
    }

    /** "only create: fail if the key exists" from "Only create: fail if the key exists.": a candidate's note. */
    private static String summary(String[] description) {
        if (description.length == 0 || description[0].isEmpty()) {
            return null;
        }
        String d = description[0];
        d = d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
        return Character.toLowerCase(d.charAt(0)) + d.substring(1);
    }
}
