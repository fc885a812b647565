package io.bpfsh.engine.sys;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A loaded BPF program; owns one FD. */
public final class BpfProgram extends BpfObject {
    /** The verifier log buffer starts here and grows (ENOSPC) up to the kernel's 16 MiB cap. */
    private static final int LOG_START = 1 << 20;
    private static final int LOG_MAX = (1 << 24) - 1;

    private final ProgInfo info;
    private final String label;

    private BpfProgram(Fd fd, ProgInfo info, String label) {
        super(fd);
        this.info = info;
        this.label = label;
    }

    /**
     * BPF_PROG_LOAD. Loads without a log first (fast, no buffer); when the verifier refuses, loads
     * again with log level 1 so the error carries the verifier's explanation.
     *
     * @param subject how the program is named in errors, e.g. "samples/x.o: socket/dummy"
     */
    public static BpfProgram load(ProgramLoadAttributes a, String subject) throws BpfException {
        byte[] lic = ((a.license() == null ? "" : a.license()) + "\0").getBytes(StandardCharsets.UTF_8);
        try (Memory insns = new Memory(Math.max(a.instructions().length, 1));
             Memory license = new Memory(lic.length);
             Memory funcInfo = copyOrNull(a.funcInfo()); Memory lineInfo = copyOrNull(a.lineInfo())) {
            insns.write(0, a.instructions(), 0, a.instructions().length);
            license.write(0, lic, 0, lic.length);
            int logSize = 0;
            while (true) {
                try (Memory log = logSize == 0 ? null : new Memory(logSize)) {
                    if (log != null) {
                        log.clear();
                    }
                    try {
                        return fromNewFd(new Fd(ProgCommands.load(a, insns, license, log, funcInfo, lineInfo,
                                subject)), subject);
                    } catch (MissingPrivilegeException e) {
                        throw e; // the verifier never ran: no log to ask for
                    } catch (BpfException e) {
                        if (log == null) {
                            logSize = LOG_START; // load again, with the verifier's reasons
                            continue;
                        }
                        if (e.is(Errno.ENOSPC) && logSize < LOG_MAX) {
                            logSize = Math.min(LOG_MAX, logSize * 4);
                            continue;
                        }
                        throw new ProgramLoadException(e.errno(), subject, log.getString(0, "UTF-8"));
                    }
                }
            }
        }
    }

    /** Native memory holding {@code bytes}, or null (a NULL pointer) when there are none. */
    private static Memory copyOrNull(byte[] bytes) {
        if (bytes.length == 0) return null;
        Memory m = new Memory(bytes.length);
        m.write(0, bytes, 0, bytes.length);
        return m;
    }

    static BpfProgram fromNewFd(Fd fd, String label) throws BpfException {
        try {
            return new BpfProgram(fd, queryInfo(fd, label), label);
        } catch (BpfException | RuntimeException e) {
            fd.close();
            throw e;
        }
    }

    private static ProgInfo queryInfo(Fd fd, String label) throws BpfException {
        int nrMaps;
        ProgInfo head;
        try (Memory m = infoByFd(fd, 256, label)) {
            StringBuilder tag = new StringBuilder(16);
            for (byte b : m.getByteArray(8, 8)) {
                tag.append(String.format("%02x", b & 0xff));
            }
            nrMaps = m.getInt(52);
            head = new ProgInfo(m.getInt(0), m.getInt(4), cString(m, 64, 16), tag.toString(),
                    m.getInt(20), m.getInt(16), (m.getInt(84) & 1) != 0, m.getInt(128), List.of());
        }
        if (nrMaps == 0) {
            return head;
        }
        List<Integer> ids = new ArrayList<>(nrMaps);
        try (Memory idBuf = new Memory(4L * nrMaps); Memory m = new Memory(256)) {
            m.clear();
            m.setInt(52, nrMaps);                    // nr_map_ids
            m.setLong(56, Pointer.nativeValue(idBuf)); // map_ids
            ObjectCommands.getInfoByFd(fd.get(), m, 256, label);
            int n = Math.min(nrMaps, m.getInt(52));
            for (int i = 0; i < n; i++) {
                ids.add(idBuf.getInt(4L * i));
            }
        }
        return new ProgInfo(head.type(), head.id(), head.name(), head.tag(), head.xlatedLength(),
                head.jitedLength(), head.gplCompatible(), head.btfId(), List.copyOf(ids));
    }

    public ProgInfo info() {
        return info;
    }

    /** Asks the kernel again (map ids can change with BPF_PROG_BIND_MAP). */
    public ProgInfo queryInfo() throws BpfException {
        return queryInfo(fd(), label);
    }

    /** The run counters now (bpf_prog_info run_time_ns @192, run_cnt @200). */
    public ProgRunStats runStats() throws BpfException {
        try (Memory m = infoByFd(fd(), 256, describe())) {
            return new ProgRunStats(m.getInt(4), cString(m, 64, 16), ProgType.nameOf(m.getInt(0)),
                    m.getLong(200), m.getLong(192));
        }
    }

    public ProgType type() {
        return ProgType.of(info.type());
    }

    @Override
    public ObjectKind kind() {
        return ObjectKind.PROG;
    }

    @Override
    public int id() {
        return info.id();
    }

    @Override
    public String describe() {
        return label != null && !label.isEmpty() ? label
                : "prog " + (info.name().isEmpty() ? "" : info.name() + " ") + "(id " + info.id() + ")";
    }

    /**
     * BPF_PROG_TEST_RUN: runs the program on {@code data} (a packet for XDP, socket and tc programs)
     * {@code repeat} times in the kernel.
     */
    public TestRunResult testRun(byte[] data, int repeat) throws BpfException {
        int outSize = data.length + 4096; // XDP may grow the packet; the kernel reports ENOSPC if it is too small
        try (Memory in = new Memory(Math.max(data.length, 1)); Memory out = new Memory(outSize)) {
            in.write(0, data, 0, data.length);
            return ProgCommands.testRun(fd().get(), in, data.length, out, Math.max(repeat, 1), describe());
        }
    }
}
