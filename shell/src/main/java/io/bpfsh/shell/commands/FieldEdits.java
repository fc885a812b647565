package io.bpfsh.shell.commands;

import io.bpfsh.shell.CommandException;
import io.bpfsh.shell.data.LiteralArg;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * update's FIELD=VALUE words ({@code pkts=0}, {@code addr.port=80}): which words are edits, and the
 * typed literal they make together ({@code {pkts=0, addr={port=80}}}), written over the old value.
 */
final class FieldEdits {
    private static final Pattern EDIT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*=.*",
            Pattern.DOTALL);

    private FieldEdits() {
    }

    /** An unquoted FIELD=VALUE word; no value literal of another form looks like one. */
    static boolean isEdit(LiteralArg arg) {
        return !arg.quoted() && EDIT.matcher(arg.text()).matches();
    }

    /** The struct literal the edits make, nested along dotted paths. */
    static String literal(List<LiteralArg> edits) throws CommandException {
        Map<String, Object> tree = new LinkedHashMap<>();
        for (LiteralArg e : edits) {
            int eq = e.text().indexOf('=');
            String[] path = e.text().substring(0, eq).split("\\.");
            Map<String, Object> at = tree;
            for (int i = 0; i < path.length; i++) {
                Object there = at.get(path[i]);
                if (i == path.length - 1) {
                    if (there != null) {
                        throw new CommandException("field " + e.text().substring(0, eq) + " is given twice or inside another edit");
                    }
                    at.put(path[i], e.text().substring(eq + 1));
                } else if (there instanceof String) {
                    throw new CommandException("field " + String.join(".", List.of(path).subList(0, i + 1))
                            + " is given whole and by part");
                } else {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> next = (Map<String, Object>) at.computeIfAbsent(path[i], k -> new LinkedHashMap<>());
                    at = next;
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        write(tree, sb);
        return sb.toString();
    }

    private static void write(Map<String, Object> tree, StringBuilder sb) {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> e : tree.entrySet()) {
            sb.append(first ? "" : ", ").append(e.getKey()).append('=');
            if (e.getValue() instanceof String v) {
                sb.append(v);
            } else {
                @SuppressWarnings("unchecked")
                Map<String, Object> sub = (Map<String, Object>) e.getValue();
                write(sub, sb);
            }
            first = false;
        }
        sb.append('}');
    }
}
