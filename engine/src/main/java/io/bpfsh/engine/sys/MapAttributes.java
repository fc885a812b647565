package io.bpfsh.engine.sys;

/**
 * What BPF_MAP_CREATE is asked for. {@code name} is sanitised to what the kernel accepts (15
 * characters of [A-Za-z0-9_.]); BTF ids are 0 when the map has no BTF.
 */
public record MapAttributes(MapType type, int keySize, int valueSize, int maxEntries, int flags,
                            String name, int numaNode, int innerMapFd, int btfFd, int btfKeyTypeId,
                            int btfValueTypeId, long mapExtra) {

    /** BPF_F_NUMA_NODE: numa_node is only read when this flag is set. */
    public static final int F_NUMA_NODE = 1 << 2;
    /** BPF_F_RDONLY_PROG: programs may only read the map (.rodata). */
    public static final int F_RDONLY_PROG = 1 << 7;
    /** BPF_F_MMAPABLE: array maps that user space may mmap (global data). */
    public static final int F_MMAPABLE = 1 << 10;

    public static MapAttributes of(MapType type, int keySize, int valueSize, int maxEntries) {
        return new MapAttributes(type, keySize, valueSize, maxEntries, 0, "", 0, 0, 0, 0, 0, 0);
    }

    public MapAttributes withFlags(int f) {
        return new MapAttributes(type, keySize, valueSize, maxEntries, f, name, numaNode, innerMapFd,
                btfFd, btfKeyTypeId, btfValueTypeId, mapExtra);
    }

    public MapAttributes withName(String n) {
        return new MapAttributes(type, keySize, valueSize, maxEntries, flags, n, numaNode, innerMapFd,
                btfFd, btfKeyTypeId, btfValueTypeId, mapExtra);
    }

    public MapAttributes withNumaNode(int node) {
        return new MapAttributes(type, keySize, valueSize, maxEntries, flags, name, node, innerMapFd,
                btfFd, btfKeyTypeId, btfValueTypeId, mapExtra);
    }

    public MapAttributes withMapExtra(long extra) {
        return new MapAttributes(type, keySize, valueSize, maxEntries, flags, name, numaNode, innerMapFd,
                btfFd, btfKeyTypeId, btfValueTypeId, extra);
    }

    /** For a map of maps: the FD of a map like the ones it will hold (the kernel copies its shape). */
    public MapAttributes withInnerMapFd(int fd) {
        return new MapAttributes(type, keySize, valueSize, maxEntries, flags, name, numaNode, fd,
                btfFd, btfKeyTypeId, btfValueTypeId, mapExtra);
    }

    public MapAttributes withBtf(int fd, int keyTypeId, int valueTypeId) {
        return new MapAttributes(type, keySize, valueSize, maxEntries, flags, name, numaNode, innerMapFd,
                fd, keyTypeId, valueTypeId, mapExtra);
    }

    /** The name as the kernel will store it. */
    public String kernelName() {
        return KernelName.of(name);
    }
}
