package io.bpfsh.completions;

import io.bpfsh.completions.CommandTable.Command;
import io.bpfsh.completions.CommandTable.Option;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where the cursor is on a command line, read as picocli will parse it: which command, whether the
 * word being typed is a positional argument (and which), an option's value (after {@code --opt } or
 * inline after {@code --opt=}), an option name, or nothing bpfsh completes. Also what else is on the
 * line: the other positionals (the FILE of {@code load}, the MODULE of {@code close}) and the options.
 */
final class LineContext {

    /** What the word under the cursor is. */
    enum Position {
        /** a positional argument: {@link #kind()} says which kind */
        POSITIONAL,
        /** an option's value: {@link #kind()} says which kind */
        OPTION_VALUE,
        /** past the last positional of a command that offers flags by name (update), on an empty word or a '-' */
        OFFERED_FLAGS,
        /**
         * an option name after a positional: picocli-shell-jline3 offers option names only before the
         * first positional (it takes earlier words for subcommand names), so bpfsh offers them here
         */
        OPTION_NAMES,
        /** an option name (picocli completes it), or nothing bpfsh knows how to complete */
        NONE
    }

    /** A negative number is a value (update m:counters -1 7), not an option. */
    private static final Pattern NUMBER = Pattern.compile("-[0-9].*");

    private final Command command;
    private final Position position;
    private final ArgKind kind;
    private final String typed;
    private final String valuePrefix;
    private final List<String> positionals;
    private final Set<String> options;
    private final Option valueOption;
    private final List<String> choices;

    private LineContext(Command command, Position position, ArgKind kind, String typed, String valuePrefix,
                        List<String> positionals, Set<String> options, Option valueOption, List<String> choices) {
        this.valueOption = valueOption;
        this.choices = choices;
        this.command = command;
        this.position = position;
        this.kind = kind;
        this.typed = typed;
        this.valuePrefix = valuePrefix;
        this.positionals = positionals;
        this.options = options;
    }

    /**
     * Reads the words of a parsed line against the commands of {@code table}; {@code wordIndex} is the word under the cursor and {@code typed}
     * what of it lies before the cursor.
     */
    static LineContext of(CommandTable table, List<String> words, int wordIndex, String typed) {
        if (wordIndex <= 0 || words.isEmpty()) {
            return none(null, typed);
        }
        Command command = table.command(words.get(0)).orElse(null);
        if (command == null) {
            return none(null, typed);
        }
        List<String> positionals = new ArrayList<>();
        Set<String> options = new HashSet<>();
        boolean endOfOptions = false;
        Option pending = null;        // an option whose value is the next word
        Option valueOption = null;    // the option whose value is under the cursor
        Position position = Position.NONE;
        ArgKind kind = null;
        List<String> choices = List.of();
        String valuePrefix = "";
        String current = typed;
        for (int i = 1; i < words.size(); i++) {
            boolean atCursor = i == wordIndex;
            String w = atCursor ? typed : words.get(i);
            if (pending != null) {
                if (atCursor) {
                    position = Position.OPTION_VALUE;
                    kind = pending.kind();
                    valueOption = pending;
                }
                pending = null;
                continue;
            }
            if (!endOfOptions && w.equals("--") && !atCursor) {
                endOfOptions = true;
                continue;
            }
            if (!endOfOptions && (isOption(w) || atCursor && w.equals("-"))) {
                int eq = w.indexOf('=');
                String name = eq < 0 ? w : w.substring(0, eq);
                Option o = command.option(name).orElse(null);
                if (atCursor) {
                    if (eq >= 0 && o != null && o.takesValue()) {
                        position = Position.OPTION_VALUE;
                        kind = o.kind();
                        valueOption = o;
                        valuePrefix = w.substring(0, eq + 1);
                        current = w.substring(eq + 1);
                    } else if (eq < 0 && !command.offeredFlags().isEmpty()
                            && positionals.size() >= command.positionals().size()) {
                        // picocli-shell-jline3 offers option names only before the first positional
                        // (it takes every earlier non-option word for a subcommand name), so here,
                        // past the last positional, the offered flags are not offered twice
                        position = Position.OFFERED_FLAGS;
                    } else if (eq < 0 && !positionals.isEmpty()) {
                        position = Position.OPTION_NAMES; // picocli offers nothing after a positional
                    }
                    continue; // otherwise an option name: picocli's
                }
                options.add(name);
                if (o != null && o.takesValue() && eq < 0) {
                    pending = o;
                }
                continue;
            }
            if (atCursor) {
                int index = positionals.size();
                positionals.add(null); // the word being typed is not a value to read
                if (index < command.positionals().size()) {
                    position = Position.POSITIONAL;
                    kind = command.positionals().get(index).kind();
                    choices = command.positionals().get(index).choices();
                } else if (!command.offeredFlags().isEmpty() && w.isEmpty()) {
                    position = Position.OFFERED_FLAGS;
                }
            } else {
                positionals.add(w);
            }
        }
        return new LineContext(command, position, kind, current, valuePrefix,
                Collections.unmodifiableList(positionals), Collections.unmodifiableSet(options), valueOption, choices);
    }

    /** The words a {@link ArgKind#CHOICE} positional under the cursor takes. */
    List<String> choices() {
        return choices;
    }

    private static LineContext none(Command command, String typed) {
        return new LineContext(command, Position.NONE, null, typed, "", List.of(), Set.of(), null, List.of());
    }

    static boolean isOption(String w) {
        return w.length() > 1 && w.charAt(0) == '-' && !NUMBER.matcher(w).matches();
    }

    /** The command, or null when the line does not start with a bpfsh command. */
    Command command() {
        return command;
    }

    Position position() {
        return position;
    }

    /** The kind of the positional or option value under the cursor; null for other positions. */
    ArgKind kind() {
        return kind;
    }

    /** The option whose value is under the cursor, or empty (a positional, or no value). */
    java.util.Optional<Option> valueOption() {
        return java.util.Optional.ofNullable(valueOption);
    }

    /** What of the value under the cursor is typed (after {@code --opt=} for an inline value). */
    String typed() {
        return typed;
    }

    /** "--pin-path=" when the value is typed inline after its option, else "": candidates start with it. */
    String valuePrefix() {
        return valuePrefix;
    }

    /** The positional at an index as typed on the line, or null (absent, or the word under the cursor). */
    String positional(int index) {
        return index < positionals.size() ? positionals.get(index) : null;
    }

    /** Whether an option is given on the line (other than in the word under the cursor). */
    boolean hasOption(String name) {
        return options.contains(name);
    }
}
