package io.bpfsh.engine.sys;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;

/**
 * The bpf(2) commands that work on any object kind (pins, info, ids), one small typed method each,
 * as libbpf's {@code bpf.c} has them. A new command of this kind is one more method here.
 */
final class ObjectCommands {
    private ObjectCommands() {
    }

    /** BPF_F_PATH_FD (6.5+): path_fd holds the directory a relative pathname starts from. */
    static final int F_PATH_FD = 1 << 14;

    /** BPF_OBJ_PIN at an absolute path (validated by the caller: the kernel resolves relative paths against CWD). */
    static void pin(int fd, String path, String shown) throws BpfException {
        try (Memory name = pathname(path); Attr attr = new Attr(20)) {
            attr.ptr(0, name)          // pathname
                .u32(8, fd);           // bpf_fd
            attr.show("pathname", shown).show("bpf_fd", fd);
            BpfSyscall.call(BpfCommand.OBJ_PIN, attr, shown);
        }
    }

    /** BPF_OBJ_PIN of {@code name} in the directory {@code dirFd} holds (path_fd); 0 or minus errno. */
    static long pinAt(int fd, int dirFd, String name) {
        try (Memory n = pathname(name); Attr attr = new Attr(20)) {
            attr.ptr(0, n)             // pathname, relative to path_fd
                .u32(8, fd)            // bpf_fd
                .u32(12, F_PATH_FD)    // file_flags
                .u32(16, dirFd);       // path_fd
            if (attr.tracing()) {
                attr.show("pathname", name).show("bpf_fd", fd).show("file_flags", new SyscallEvent.Symbol("BPF_F_PATH_FD")).show("path_fd", dirFd);
            }
            return BpfSyscall.callRaw(BpfCommand.OBJ_PIN, attr);
        }
    }

    /** BPF_OBJ_GET; returns a new FD for the object pinned at the path. */
    static int get(String path, int fileFlags, String shown) throws BpfException {
        try (Memory name = pathname(path); Attr attr = new Attr(20)) {
            attr.ptr(0, name)          // pathname
                .u32(12, fileFlags);   // file_flags
            if (attr.tracing()) {
                attr.show("pathname", shown).show("file_flags", MapFlags.symbol(fileFlags)); // BPF_F_RDONLY, BPF_F_WRONLY
            }
            return (int) BpfSyscall.call(BpfCommand.OBJ_GET, attr, shown);
        }
    }

    /** The NUL-terminated pathname both pin commands take. */
    private static Memory pathname(String path) {
        byte[] p = (path + "\0").getBytes(StandardCharsets.UTF_8);
        Memory name = new Memory(p.length);
        name.write(0, p, 0, p.length);
        return name;
    }

    /** BPF_OBJ_GET_INFO_BY_FD into {@code info} ({@code size} bytes, zeroed or pre-filled by the caller). */
    static void getInfoByFd(int fd, Pointer info, int size, String subject) throws BpfException {
        try (Attr attr = new Attr(16)) {
            attr.u32(0, fd)            // bpf_fd
                .u32(4, size)          // info_len
                .ptr(8, info);         // info
            attr.show("bpf_fd", fd).show("info_len", size);
            BpfSyscall.call(BpfCommand.OBJ_GET_INFO_BY_FD, attr, subject);
        }
    }

    /** BPF_{MAP,PROG,BTF,LINK}_GET_FD_BY_ID; the FD, or minus errno. */
    static long getFdById(BpfCommand cmd, int id, int openFlags) {
        try (Attr attr = new Attr(12)) {
            attr.u32(0, id)            // map_id / prog_id / btf_id / link_id
                .u32(8, openFlags);    // open_flags
            if (attr.tracing()) { // map_id, prog_id, btf_id, link_id
                attr.show(cmd.name().substring(0, cmd.name().indexOf('_')).toLowerCase(java.util.Locale.ROOT) + "_id", id);
            }
            return BpfSyscall.callRaw(cmd, attr);
        }
    }

    /** BPF_{MAP,PROG,LINK}_GET_NEXT_ID; the id after {@code startId}, or minus errno (ENOENT at the end). */
    static long getNextId(BpfCommand cmd, int startId) {
        try (Attr attr = new Attr(12)) {
            attr.u32(0, startId);      // start_id
            attr.show("start_id", startId);
            long r = BpfSyscall.callRaw(cmd, attr);
            return r < 0 ? r : Integer.toUnsignedLong(attr.u32(4)); // next_id
        }
    }

    /** BPF_ENABLE_STATS: run-time statistics are counted while the returned FD is open. */
    static int enableStats(int type, String subject) throws BpfException {
        try (Attr attr = new Attr(4)) {
            attr.u32(0, type); // enable_stats.type
            attr.show("type", type);
            return (int) BpfSyscall.call(BpfCommand.ENABLE_STATS, attr, subject);
        }
    }
}
