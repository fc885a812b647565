package io.bpfsh.engine.disasm;

/**
 * The map an ld_imm64 loads: by kernel id and name for a loaded program, by name alone (id 0) for an
 * object's program not yet loaded. {@code valueOffset} is the byte inside the value for a direct value
 * load (global data), -1 for the map itself.
 */
public record MapReference(int id, String name, int valueOffset) {
}
