package io.bpfsh.engine.spec;

import java.util.List;

/**
 * What a map of maps or a program array starts with, beyond its own definition: the template its inner maps are
 * made from (maps of maps only; created for the outer map's MAP_CREATE and never pinned) and the slots to fill
 * once the inner maps or programs exist.
 *
 * @param inner the inner map definition ({@code __array(values, struct inner)}), or null for a program array
 * @param slots initial entries, in the object's order
 */
public record MapInit(MapSpec inner, List<MapSlot> slots) {
}
