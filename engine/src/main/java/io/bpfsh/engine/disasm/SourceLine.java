package io.bpfsh.engine.disasm;

/**
 * The source line an instruction came from (a BTF line record): file, line and column as the compiler
 * wrote them, and the line's text with its indentation trimmed, as bpftool shows it.
 */
public record SourceLine(String file, int line, int column, String text) {
}
