package io.bpfsh.engine.spec;

import io.bpfsh.engine.sys.MapType;

/**
 * A map the object asks for. {@code key} is the SectionParams/CloseOptions key, {@code "maps/<name>"}
 * for every layout. {@code initialData} is the content global-data maps start with (null otherwise).
 * BTF type ids are 0 when the map has no BTF.
 */
public record MapSpec(String name, String key, String section, MapLayout layout, MapType type, int keySize,
                      int valueSize, int maxEntries, int flags, Pinning pinning, String namespace, int numaNode,
                      long mapExtra, int btfKeyTypeId, int btfValueTypeId, byte[] initialData, boolean frozen) {

    public static String keyOf(String mapName) {
        return "maps/" + mapName;
    }

    /** The same map asked with another max_entries (SectionParams.maxEntries). */
    public MapSpec withMaxEntries(int max) {
        return new MapSpec(name, key, section, layout, type, keySize, valueSize, max, flags, pinning, namespace,
                numaNode, mapExtra, btfKeyTypeId, btfValueTypeId, initialData, frozen);
    }

    /** The same map starting with other contents (global data, or the .kconfig values the kernel gives). */
    public MapSpec withInitialData(byte[] data) {
        return new MapSpec(name, key, section, layout, type, keySize, valueSize, maxEntries, flags, pinning, namespace,
                numaNode, mapExtra, btfKeyTypeId, btfValueTypeId, data, frozen);
    }

    public String typeName() {
        return type.displayName();
    }
}
