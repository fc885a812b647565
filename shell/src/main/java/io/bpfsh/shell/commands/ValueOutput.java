package io.bpfsh.shell.commands;

import io.bpfsh.engine.EngineException;
import io.bpfsh.shell.output.EntryPrinter;

/** How push, pop and peek print the one value they moved: {@code popped 60}, or {"popped": 60, ...}. */
final class ValueOutput {
    private ValueOutput() {
    }

    static void print(ShellCommand c, String what, EntryPrinter printer, byte[] value) throws EngineException {
        if (c.json()) {
            printer.jsonValue(c.jsonWriter().beginObject(), what, value).endObject().endDocument();
        } else {
            c.out().println(what + " " + printer.valueText(value));
        }
    }
}
