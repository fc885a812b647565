package io.bpfsh.engine.btf;

/**
 * One BTF-defined map, as declared in the {@code .maps} section. Attributes the declaration leaves out are 0; choosing
 * defaults for them is the loader's business.
 *
 * @param keyTypeId    type of the key from {@code __type(key, T)}, or 0 when only {@code key_size} was given
 * @param keySize      from the key type's size, or from {@code key_size}
 * @param valueTypeId  as keyTypeId, for the value
 * @param valueSize    as keySize, for the value
 * @param valuesTypeId pointee type of the {@code values} array's elements (an inner map definition struct or a
 *                     function prototype), or 0 when there is no {@code values} member
 */
public record BtfMapDefinition(String name, long mapType, int keyTypeId, long keySize, int valueTypeId,
        long valueSize, long maxEntries, long mapFlags, long pinning, long numaNode, long mapExtra,
        int valuesTypeId) {

    /** Whether the declaration initialises slots (inner maps of a map-in-map, programs of a program array). */
    public boolean hasValues() {
        return valuesTypeId != 0;
    }
}
