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

    /** sizeof(struct bpf_prog_info) up to attach_btf_id (6.x); older kernels accept the zeroed tail. */
    private static final int PROG_INFO_SIZE = 232;

    /** Level 1 (the verifier's reasons); with BPF_LOG_STATS (4) also its time, stack depth and counts. */
    private static final int LOG_LEVEL = 1;
    private static final int LOG_LEVEL_WITH_STATS = 1 | 4;

    private final ProgInfo info;
    private final String label;
    private final String verifierLog;

    private BpfProgram(Fd fd, ProgInfo info, String label, String verifierLog) {
        super(fd);
        this.info = info;
        this.label = label;
        this.verifierLog = verifierLog;
    }

    /**
     * BPF_PROG_LOAD. Loads without a log first (fast, no buffer); when the verifier refuses, loads
     * again with log level 1 so the error carries the verifier's explanation.
     *
     * @param subject how the program is named in errors, e.g. "samples/x.o: socket/dummy"
     */
    public static BpfProgram load(ProgramLoadAttributes a, String subject) throws BpfException {
        return load(a, subject, false);
    }

    /**
     * BPF_PROG_LOAD; with {@code keepLog} the verifier writes its log and statistics from the first
     * attempt on, and a program it accepts keeps that log ({@link #verifierLog()}).
     */
    public static BpfProgram load(ProgramLoadAttributes a, String subject, boolean keepLog) throws BpfException {
        byte[] lic = ((a.license() == null ? "" : a.license()) + "\0").getBytes(StandardCharsets.UTF_8);
        try (Memory insns = new Memory(Math.max(a.instructions().length, 1));
             Memory license = new Memory(lic.length);
             Memory funcInfo = copyOrNull(a.funcInfo()); Memory lineInfo = copyOrNull(a.lineInfo())) {
            insns.write(0, a.instructions(), 0, a.instructions().length);
            license.write(0, lic, 0, lic.length);
            int logSize = keepLog ? LOG_START : 0;
            int logLevel = keepLog ? LOG_LEVEL_WITH_STATS : LOG_LEVEL;
            while (true) {
                try (Memory log = logSize == 0 ? null : new Memory(logSize)) {
                    if (log != null) {
                        log.clear();
                    }
                    int fd;
                    try {
                        fd = ProgCommands.load(a, insns, license, log, logLevel, funcInfo, lineInfo, subject);
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
                    return fromNewFd(new Fd(fd), subject, keepLog ? log.getString(0, "UTF-8") : "");
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
        return fromNewFd(fd, label, "");
    }

    private static BpfProgram fromNewFd(Fd fd, String label, String verifierLog) throws BpfException {
        try {
            return new BpfProgram(fd, queryInfo(fd, label), label, verifierLog);
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

    /** The verifier's log of this program's load when it was asked to keep it; empty otherwise. */
    public String verifierLog() {
        return verifierLog;
    }

    /** Asks the kernel again (map ids can change with BPF_PROG_BIND_MAP). */
    public ProgInfo queryInfo() throws BpfException {
        return queryInfo(fd(), label);
    }

    /**
     * The program as the kernel holds it, for a dump: xlated instructions, JIT size and function
     * addresses, function and line records. Two OBJ_GET_INFO_BY_FD calls, as bpftool makes them: the
     * first learns the counts, the second passes buffers of those sizes.
     */
    public XlatedProgram xlated() throws BpfException {
        int xlatedLen;
        int jitedLen;
        int nrKsyms;
        int nrFuncInfo;
        int funcRecSize;
        int nrLineInfo;
        int lineRecSize;
        int btfId;
        try (Memory m = infoByFd(fd(), PROG_INFO_SIZE, label)) {
            jitedLen = m.getInt(16);      // jited_prog_len
            xlatedLen = m.getInt(20);     // xlated_prog_len
            nrKsyms = m.getInt(104);      // nr_jited_ksyms
            btfId = m.getInt(128);        // btf_id
            funcRecSize = m.getInt(132);  // func_info_rec_size
            nrFuncInfo = m.getInt(144);   // nr_func_info
            nrLineInfo = m.getInt(148);   // nr_line_info
            lineRecSize = m.getInt(172);  // line_info_rec_size
        }
        if (funcRecSize < 8) {            // bpf_func_info: insn_off, type_id
            nrFuncInfo = 0;
        }
        if (lineRecSize < 16) {           // bpf_line_info: insn_off, file_name_off, line_off, line_col
            nrLineInfo = 0;
        }
        try (Memory insns = new Memory(Math.max(xlatedLen, 1));
             Memory ksyms = new Memory(Math.max(8L * nrKsyms, 1));
             Memory funcs = new Memory(Math.max((long) nrFuncInfo * funcRecSize, 1));
             Memory lines = new Memory(Math.max((long) nrLineInfo * lineRecSize, 1));
             Memory m = new Memory(PROG_INFO_SIZE)) {
            m.clear();
            m.setInt(20, xlatedLen);         // xlated_prog_len
            m.setPointer(32, insns);         // xlated_prog_insns
            m.setInt(104, nrKsyms);          // nr_jited_ksyms
            m.setPointer(112, ksyms);        // jited_ksyms
            m.setInt(132, funcRecSize);      // func_info_rec_size
            m.setPointer(136, funcs);        // func_info
            m.setInt(144, nrFuncInfo);       // nr_func_info
            m.setInt(148, nrLineInfo);       // nr_line_info
            m.setPointer(152, lines);        // line_info
            m.setInt(172, lineRecSize);      // line_info_rec_size
            ObjectCommands.getInfoByFd(fd().get(), m, PROG_INFO_SIZE, label);
            // the program cannot change, but stay within what both calls agree on
            int insnBytes = Math.min(xlatedLen, m.getInt(20));
            long[] addresses = new long[Math.min(nrKsyms, m.getInt(104))];
            for (int i = 0; i < addresses.length; i++) {
                addresses[i] = ksyms.getLong(8L * i);
            }
            List<XlatedProgram.Function> functions = new ArrayList<>();
            for (int i = 0; i < Math.min(nrFuncInfo, m.getInt(144)); i++) {
                long at = (long) i * funcRecSize;
                functions.add(new XlatedProgram.Function(funcs.getInt(at), funcs.getInt(at + 4)));
            }
            List<XlatedProgram.Line> lineInfo = new ArrayList<>();
            for (int i = 0; i < Math.min(nrLineInfo, m.getInt(148)); i++) {
                long at = (long) i * lineRecSize;
                lineInfo.add(new XlatedProgram.Line(lines.getInt(at), lines.getInt(at + 4), lines.getInt(at + 8),
                        lines.getInt(at + 12)));
            }
            return new XlatedProgram(insns.getByteArray(0, insnBytes), jitedLen, addresses, btfId, functions,
                    lineInfo);
        }
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
                : named("prog", info.name(), info.id());
    }

    /**
     * BPF_PROG_TEST_RUN: runs the program on {@code data} (a packet for XDP, socket and tc programs)
     * {@code repeat} times in the kernel.
     */
    public TestRunResult testRun(byte[] data, int repeat) throws BpfException {
        return testRun(TestRunInput.ofData(data).withRepeat(repeat));
    }

    /**
     * BPF_PROG_TEST_RUN with data, ctx, repeat, flags and cpu as the input holds them. A packet that
     * came back larger than the room reserved for it is not an error: the kernel reports ENOSPC after
     * the run, with the true size, the return value and the duration, and the result says it was cut
     * (running again for a larger buffer would run the program twice).
     */
    public TestRunResult testRun(TestRunInput in) throws BpfException {
        byte[] data = in.data();
        byte[] ctx = in.ctx();
        int dataCap = data.length == 0 ? 0 : in.dataOutCapacity();
        int ctxCap = in.ctxOutCapacity();
        try (Memory dataIn = copyOrNull(data); Memory dataOut = dataCap == 0 ? null : new Memory(dataCap);
             Memory ctxIn = copyOrNull(ctx); Memory ctxOut = ctxCap == 0 ? null : new Memory(ctxCap)) {
            ProgCommands.TestRunReply reply = ProgCommands.testRun(fd().get(), in, dataIn, dataOut, ctxIn, ctxOut);
            long r = reply.result();
            boolean cut = r == -Errno.ENOSPC.number();
            if (r < 0 && !cut) {
                int errno = (int) -r;
                throw new BpfException(BpfCommand.PROG_TEST_RUN, errno, describe(),
                        TestRunRefusal.explain(type(), in, errno));
            }
            int dataSize = reply.dataSizeOut();
            int ctxSize = reply.ctxSizeOut();
            // ENOSPC: the packet was cut and the kernel stopped before copying the context back.
            boolean ctxCopied = ctxOut != null && !(cut && dataOut != null && Integer.toUnsignedLong(dataSize) > dataCap);
            byte[] dataBytes = dataOut == null ? new byte[0]
                    : dataOut.getByteArray(0, (int) Math.min(Integer.toUnsignedLong(dataSize), dataCap));
            byte[] ctxBytes = !ctxCopied ? new byte[0]
                    : ctxOut.getByteArray(0, (int) Math.min(Integer.toUnsignedLong(ctxSize), ctxCap));
            return new TestRunResult(reply.retval(), reply.durationNanos(), dataBytes, dataOut == null ? 0 : dataSize,
                    ctxBytes, ctxCopied ? ctxSize : 0);
        }
    }
}
