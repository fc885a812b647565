package io.bpfsh.engine.sys;

import com.sun.jna.Memory;

/**
 * A BTF object in the kernel; owns one FD. Maps created with its FD and type ids show typed values in
 * bpftool and in {@code cat} of their pins.
 */
public final class BpfBtf implements AutoCloseable {
    private static final int LOG_SIZE = 1 << 16;

    private final Fd fd;
    private final int id;

    private BpfBtf(Fd fd, int id) {
        this.fd = fd;
        this.id = id;
    }

    /**
     * BPF_BTF_LOAD. Loads without a log first; when the kernel refuses, loads again with a log so the
     * error says which type it objected to.
     */
    public static BpfBtf load(byte[] btf, String subject) throws BpfException {
        try (Memory data = new Memory(Math.max(btf.length, 1))) {
            data.write(0, btf, 0, btf.length);
            Fd fd;
            try {
                fd = new Fd(BtfCommands.load(data, btf.length, subject));
            } catch (MissingPrivilegeException e) {
                throw e; // a log would not say more
            } catch (BpfException e) {
                throw withLog(e, data, btf.length, subject);
            }
            try {
                return new BpfBtf(fd, queryId(fd, subject));
            } catch (BpfException | RuntimeException e) {
                fd.close();
                throw e;
            }
        }
    }

    private static BpfException withLog(BpfException first, Memory data, int size, String subject) {
        try (Memory log = new Memory(LOG_SIZE)) {
            log.clear();
            long r = BtfCommands.loadWithLog(data, size, log);
            if (r >= 0) {
                LibC.close((int) r); // accepted the second time: report the first error as it was
                return first;
            }
            String reason = ProgramLoadException.summary(log.getString(0, "UTF-8"));
            return new BpfException(BpfCommand.BTF_LOAD, (int) -r, subject,
                    reason == null ? null : reason.replaceFirst("^verifier: ", ""));
        }
    }

    /** Opens the kernel's BTF object with this id (a map's btf_id), to read its types. */
    public static BpfBtf open(int id) throws BpfException {
        String subject = "BTF id " + id;
        return new BpfBtf(new Fd(KernelObjects.byId(BpfCommand.BTF_GET_FD_BY_ID, id, 0, subject)), id);
    }

    /** The raw BTF bytes the kernel holds (header, types, strings), as BPF_OBJ_GET_INFO_BY_FD returns them. */
    public byte[] bytes() throws BpfException {
        String subject = "BTF id " + id;
        int size;
        try (Memory info = BpfObject.infoByFd(fd, 32, subject)) {
            size = info.getInt(8); // btf_size
        }
        try (Memory blob = new Memory(Math.max(size, 1)); Memory info = new Memory(32)) {
            info.clear();
            info.setLong(0, com.sun.jna.Pointer.nativeValue(blob)); // btf
            info.setInt(8, size);                                   // btf_size
            ObjectCommands.getInfoByFd(fd.get(), info, 32, subject);
            return blob.getByteArray(0, Math.min(size, info.getInt(8)));
        }
    }

    private static int queryId(Fd fd, String subject) throws BpfException {
        try (Memory info = BpfObject.infoByFd(fd, 32, subject)) {
            return info.getInt(12); // id
        }
    }

    public Fd fd() {
        return fd;
    }

    public int id() {
        return id;
    }

    @Override
    public void close() {
        fd.close();
    }
}
