package io.bpfsh.engine.load;

import java.util.Map;

/**
 * Options of a whole load.
 *
 * @param pinRoot        where LIBBPF_PIN_BY_NAME maps pin (libbpf's pin_root_path), relative to the bpffs
 *                       root or absolute inside it; null or "" means the bpffs root itself
 * @param variables      global variables to set before the programs load, name to value literal (typed by the
 *                       variable's BTF type, as {@code update} reads values), e.g. {@code cfg_divisor -> "4"}
 * @param onIncompatible what to do when a map is pinned where the load wants its map but differs from it
 */
public record LoadOptions(String pinRoot, Map<String, String> variables, IncompatiblePolicy onIncompatible) {
    public LoadOptions {
        variables = variables == null ? Map.of() : Map.copyOf(variables);
        onIncompatible = onIncompatible == null ? IncompatiblePolicy.FAIL : onIncompatible;
    }

    public LoadOptions(String pinRoot) {
        this(pinRoot, Map.of(), IncompatiblePolicy.FAIL);
    }

    public static LoadOptions defaults() {
        return new LoadOptions(null);
    }

    public LoadOptions withVariables(Map<String, String> values) {
        return new LoadOptions(pinRoot, values, onIncompatible);
    }

    public LoadOptions withOnIncompatible(IncompatiblePolicy policy) {
        return new LoadOptions(pinRoot, variables, policy);
    }
}
