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
     * "map counters (id 12)", "prog (id 7)": the kind's word, the kernel's name when it has one, and the id;
     * what {@link #describe} says when the object has no label of its own.
     */
    static String named(String kindWord, String kernelName, int id) {
        return kindWord + " " + (kernelName.isEmpty() ? "" : kernelName + " ") + "(id " + id + ")";
    }

    /**
     * Pins the object at an absolute path with BPF_OBJ_PIN. The path is taken as given: validate
     * it first (io.bpfsh.engine.fs.Bpffs does), since the kernel resolves relative paths against CWD.
     */
    public final void pin(String path) throws BpfException {
        ObjectCommands.pin(fd.get(), path, path);
    }

    /**
     * Pins the object as {@code name} in the directory {@code dir} holds (io.bpfsh.engine.fs opens it
     * without following symlinks or crossing mounts), with BPF_OBJ_PIN's path_fd. A kernel before 6.5
     * refuses the flag (EINVAL); then the name is given below /proc/self/fd/DIR, which resolves to the
     * same directory, so the pin cannot land elsewhere either way.
     *
     * @param shown the pin's path, for messages
     */
    public final void pinAt(Fd dir, String name, String shown) throws BpfException {
        long r = ObjectCommands.pinAt(fd.get(), dir.get(), name);
        if (r == -Errno.EINVAL.number()) {
            ObjectCommands.pin(fd.get(), "/proc/self/fd/" + dir.get() + "/" + name, shown);
        } else if (r < 0) {
            throw new BpfException(BpfCommand.OBJ_PIN, (int) -r, shown);
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
        try {
            ObjectCommands.getInfoByFd(fd.get(), info, size, subject);
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
