package io.bpfsh.engine.load;

import java.util.Map;

/**
 * Options of a whole load.
 *
 * @param pinRoot   where LIBBPF_PIN_BY_NAME maps pin (libbpf's pin_root_path), relative to the bpffs
 *                  root or absolute inside it; null or "" means the bpffs root itself
 * @param variables global variables to set before the programs load, name to value literal (typed by the
 *                  variable's BTF type, as {@code update} reads values), e.g. {@code cfg_divisor -> "4"}
 */
public record LoadOptions(String pinRoot, Map<String, String> variables) {
    public LoadOptions {
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }

    public LoadOptions(String pinRoot) {
        this(pinRoot, Map.of());
    }

    public static LoadOptions defaults() {
        return new LoadOptions(null);
    }

    public LoadOptions withVariables(Map<String, String> values) {
        return new LoadOptions(pinRoot, values);
    }
}
