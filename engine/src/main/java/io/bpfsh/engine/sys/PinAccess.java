package io.bpfsh.engine.sys;

/** The file_flags of BPF_OBJ_GET (and the open_flags of *_GET_FD_BY_ID). */
public enum PinAccess {
    /** No flag: the kernel checks read and write permission on the pin. */
    READ_WRITE(0),
    /** BPF_F_RDONLY (1 << 3): updates through the FD fail with EPERM. */
    READ_ONLY(1 << 3),
    /** BPF_F_WRONLY (1 << 4): lookups through the FD fail with EPERM. */
    WRITE_ONLY(1 << 4);

    final int flags;

    PinAccess(int flags) {
        this.flags = flags;
    }
}
