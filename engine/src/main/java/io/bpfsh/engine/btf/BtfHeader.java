package io.bpfsh.engine.btf;

/**
 * The fixed part of a BTF header. Section offsets count from the end of the header ({@code hdrLen}), as stored.
 */
public record BtfHeader(int version, int flags, long hdrLen, long typeOff, long typeLen, long strOff, long strLen) {
    /** Magic as read from a little-endian object. */
    public static final int MAGIC = 0xeb9f;
    /** Bytes of the header this reader interprets; a longer {@code hdrLen} leaves room for later fields. */
    public static final int SIZE = 24;
}
