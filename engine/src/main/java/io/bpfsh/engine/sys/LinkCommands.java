package io.bpfsh.engine.sys;

import com.sun.jna.Memory;
import java.nio.charset.StandardCharsets;

/**
 * The bpf(2) commands of links, one small typed method each, as libbpf's {@code bpf.c} has them:
 * BPF_LINK_CREATE, BPF_RAW_TRACEPOINT_OPEN, BPF_LINK_UPDATE, BPF_LINK_DETACH.
 */
final class LinkCommands {
    /** BPF_F_REPLACE: update only if the link still runs old_prog_fd. */
    private static final int BPF_F_REPLACE = 1 << 2;

    private LinkCommands() {
    }

    /** BPF_LINK_CREATE with the common fields (no type-specific part); returns the link's new FD. */
    static int create(int progFd, int target, int attachType, int flags, String subject) throws BpfException {
        try (Attr attr = new Attr(64)) {
            attr.u32(0, progFd)        // prog_fd
                .u32(4, target)        // target_fd / target_ifindex
                .u32(8, attachType)    // attach_type
                .u32(12, flags);       // flags
            attr.show("prog_fd", progFd).show("target_fd", target).show("attach_type", attachType).show("flags", flags);
            return (int) BpfSyscall.call(BpfCommand.LINK_CREATE, attr, subject);
        }
    }

    /** BPF_RAW_TRACEPOINT_OPEN by tracepoint name, or with a null name for a BTF-typed tracing program. */
    static int rawTracepointOpen(int progFd, String name, String subject) throws BpfException {
        byte[] n = name == null ? new byte[1] : (name + "\0").getBytes(StandardCharsets.UTF_8);
        try (Memory nameBuf = new Memory(n.length); Attr attr = new Attr(24)) {
            nameBuf.write(0, n, 0, n.length);
            attr.ptr(0, name == null ? null : nameBuf) // name
                .u32(8, progFd);                         // prog_fd
            if (attr.tracing()) {
                attr.show("name", name == null ? "NULL" : name).show("prog_fd", progFd);
            }
            return (int) BpfSyscall.call(BpfCommand.RAW_TRACEPOINT_OPEN, attr, subject);
        }
    }

    /** BPF_LINK_UPDATE; with {@code oldProgFd} &gt; 0 only if the link still runs that program (BPF_F_REPLACE). */
    static void update(int linkFd, int newProgFd, int oldProgFd, String subject) throws BpfException {
        try (Attr attr = new Attr(16)) {
            attr.u32(0, linkFd)                                // link_fd
                .u32(4, newProgFd)                             // new_prog_fd
                .u32(8, oldProgFd > 0 ? BPF_F_REPLACE : 0)     // flags
                .u32(12, Math.max(oldProgFd, 0));              // old_prog_fd
            attr.show("link_fd", linkFd).show("new_prog_fd", newProgFd);
            if (oldProgFd > 0) {
                attr.show("flags", new SyscallEvent.Symbol("BPF_F_REPLACE")).show("old_prog_fd", oldProgFd);
            }
            BpfSyscall.call(BpfCommand.LINK_UPDATE, attr, subject);
        }
    }

    static void detach(int linkFd, String subject) throws BpfException {
        try (Attr attr = new Attr(4)) {
            attr.u32(0, linkFd); // link_fd
            attr.show("link_fd", linkFd);
            BpfSyscall.call(BpfCommand.LINK_DETACH, attr, subject);
        }
    }
}
