package io.bpfsh.engine.spec;

/**
 * An initial entry of a map of maps or a program array, from its {@code .maps} definition's {@code values}
 * ({@code .values = { [2] = &inner }}) or from iproute2's inner_idx and tail-call sections: the loader stores the map
 * or program named {@code target} at {@code index} once both exist.
 *
 * @param index  the slot (array index, or the u32 key of a hash of maps)
 * @param target the inner map's name, or the program's function name for a program array
 */
public record MapSlot(int index, String target) {
}
