package io.bpfsh.engine.core;

/**
 * One step of a CO-RE access: a named member of a struct or union, an element of an array, or (for enum kinds) an
 * enumerator.
 *
 * @param typeId the struct, union, array element or enum type the step is in (modifiers and typedefs skipped)
 * @param index  member, element or enumerator index
 * @param name   member or enumerator name; null for an array element
 */
record CoreAccessor(int typeId, int index, String name) {
}
