package io.bpfsh.engine.sys;

import com.sun.jna.Memory;

/**
 * A live kernel object (map, program, link) that owns exactly one FD. Closing releases the FD and
 * never unpins: a pin is a separate reference that lives until its file is removed.
 */
public abstract sealed class BpfObject implements AutoCloseable permits BpfMap, BpfProgram, BpfLink {
    private final Fd fd;

    BpfObject(Fd fd) {
        this.fd = fd;
    }

    public final Fd fd() {
        return fd;
    }

    public abstract ObjectKind kind();

    /** The kernel id, stable for the object's lifetime and shown by bpftool. */
    public abstract int id();

    /** "map counters (id 12)": how the object is named in messages. */
    public abstract String describe();

    /**
     * Pins the object at an absolute path with BPF_OBJ_PIN. The path is taken as given: validate
     * it first (io.bpfsh.engine.fs.Bpffs does), since the kernel resolves relative paths against CWD.
     */
    public final void pin(String path) throws BpfException {
        pinAs(path, path);
    }

    /** BPF_F_PATH_FD (6.5+): BPF_OBJ_PIN's path_fd holds the directory the name is relative to. */
    private static final int F_PATH_FD = 1 << 14;

    /**
     * Pins the object as {@code name} in the directory {@code dir} holds (io.bpfsh.engine.fs opens it
     * without following symlinks or crossing mounts), with BPF_OBJ_PIN's path_fd. A kernel before 6.5
     * refuses the flag (EINVAL); then the name is given below /proc/self/fd/DIR, which resolves to the
     * same directory, so the pin cannot land elsewhere either way.
     *
     * @param shown the pin's path for messages
     */
    public final void pinAt(Fd dir, String name, String shown) throws BpfException {
        byte[] p = (name + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long r;
        try (Memory n = new Memory(p.length); Attr attr = new Attr(20)) {
            n.write(0, p, 0, p.length);
            attr.ptr(0, n)                 // pathname, relative to path_fd
                .u32(8, fd.get())          // bpf_fd
                .u32(12, F_PATH_FD)        // file_flags
                .u32(16, dir.get());       // path_fd
            r = BpfSyscall.callRaw(BpfCommand.OBJ_PIN, attr);
        }
        if (r == -Errno.EINVAL.number()) {
            pinAs("/proc/self/fd/" + dir.get() + "/" + name, shown);
        } else if (r < 0) {
            throw new BpfException(BpfCommand.OBJ_PIN, (int) -r, shown);
        }
    }

    private void pinAs(String path, String shown) throws BpfException {
        byte[] p = (path + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (Memory name = new Memory(p.length); Attr attr = new Attr(20)) {
            name.write(0, p, 0, p.length);
            attr.ptr(0, name)          // pathname
                .u32(8, fd.get());     // bpf_fd
            BpfSyscall.call(BpfCommand.OBJ_PIN, attr, shown);
        }
    }

    @Override
    public void close() {
        fd.close();
    }

    /** Runs BPF_OBJ_GET_INFO_BY_FD into a zeroed buffer of the given size and returns the buffer. */
    static Memory infoByFd(Fd fd, int size, String subject) throws BpfException {
        Memory info = new Memory(size);
        info.clear();
        try (Attr attr = new Attr(16)) {
            attr.u32(0, fd.get())   // bpf_fd
                .u32(4, size)       // info_len
                .ptr(8, info);      // info
            BpfSyscall.call(BpfCommand.OBJ_GET_INFO_BY_FD, attr, subject);
            return info;
        } catch (BpfException e) {
            info.close();
            throw e;
        }
    }

    /** A NUL-terminated char[16] name from an info struct. */
    static String cString(Memory m, int offset, int size) {
        byte[] b = m.getByteArray(offset, size);
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }
}
