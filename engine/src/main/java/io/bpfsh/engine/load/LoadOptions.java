package io.bpfsh.engine.load;

import java.util.Map;

/**
 * Options of a whole load.
 *
 * @param pinRoot      where LIBBPF_PIN_BY_NAME maps pin (libbpf's pin_root_path), relative to the bpffs
 *                     root or absolute inside it; null or "" means the bpffs root itself
 * @param variables    global variables to set before the programs load, name to value literal (typed by the
 *                     variable's BTF type, as {@code update} reads values), e.g. {@code cfg_divisor -> "4"}
 * @param maxMapMemory the most kernel memory one map may take up front ({@link MapMemory}); a map
 *                     estimated above it is refused before it is created
 */
public record LoadOptions(String pinRoot, Map<String, String> variables, long maxMapMemory) {
    public LoadOptions {
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }

    public LoadOptions(String pinRoot, Map<String, String> variables) {
        this(pinRoot, variables, MapMemory.DEFAULT_LIMIT);
    }

    public LoadOptions(String pinRoot) {
        this(pinRoot, Map.of());
    }

    public static LoadOptions defaults() {
        return new LoadOptions(null);
    }

    public LoadOptions withVariables(Map<String, String> values) {
        return new LoadOptions(pinRoot, values, maxMapMemory);
    }

    public LoadOptions withMaxMapMemory(long bytes) {
        return new LoadOptions(pinRoot, variables, bytes);
    }
}
