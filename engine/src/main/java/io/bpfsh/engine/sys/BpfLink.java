package io.bpfsh.engine.sys;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * A BPF link: a program attached to a hook, owning one FD. The attachment lasts while an FD or a pin
 * holds the link; closing the last one detaches the program. Created by BPF_LINK_CREATE or
 * BPF_RAW_TRACEPOINT_OPEN, or opened from a pin or by id.
 */
public final class BpfLink extends BpfObject {
    /** sizeof(struct bpf_link_info) in the UAPI this reads. */
    private static final int INFO_SIZE = 64;
    /** Room for a tracepoint name or a file path (PATH_MAX). */
    private static final int NAME_SIZE = 4096;

    private final String label;
    private LinkInfo info;

    BpfLink(Fd fd) throws BpfException {
        this(fd, "");
    }

    private BpfLink(Fd fd, String label) throws BpfException {
        super(fd);
        this.label = label;
        this.info = queryInfo(fd, label);
    }

    static BpfLink fromNewFd(Fd fd, String label) throws BpfException {
        try {
            return new BpfLink(fd, label);
        } catch (BpfException | RuntimeException e) {
            fd.close();
            throw e;
        }
    }

    /**
     * BPF_LINK_CREATE with the common fields: {@code target} is an ifindex (xdp, tcx), a cgroup
     * directory FD, a perf event FD, or 0 (tracing programs, whose target is their attach_btf_id).
     *
     * @param subject how the attachment is named in errors ("xdp on veth0")
     */
    public static BpfLink create(BpfProgram prog, int target, AttachType type, int flags, String subject)
            throws BpfException {
        return fromNewFd(new Fd(LinkCommands.create(prog.fd().get(), target, type.number(), flags, subject)), subject);
    }

    /**
     * BPF_LINK_CREATE on a cgroup v2 directory, opened without following a symlink at its last
     * component and closed again (the link holds the cgroup).
     */
    public static BpfLink createForCgroup(BpfProgram prog, String cgroupDir, AttachType type, String subject)
            throws BpfException {
        int dirFd = LibC.open(cgroupDir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (dirFd < 0) {
            throw new BpfException(BpfCommand.LINK_CREATE, LibC.errno(), subject, "cannot open " + cgroupDir);
        }
        try (Fd dir = new Fd(dirFd)) {
            return create(prog, dir.get(), type, 0, subject);
        }
    }

    private static final boolean ARM64 = "aarch64".equals(System.getProperty("os.arch"));
    private static final int O_RDONLY = 0;
    private static final int O_DIRECTORY = ARM64 ? 040000 : 0200000;
    private static final int O_NOFOLLOW = ARM64 ? 0100000 : 0400000;
    private static final int O_CLOEXEC = 02000000;

    /** BPF_RAW_TRACEPOINT_OPEN: a raw tracepoint by name, or (name null) a BTF-typed tracing program. */
    public static BpfLink rawTracepointOpen(BpfProgram prog, String name, String subject) throws BpfException {
        return fromNewFd(new Fd(LinkCommands.rawTracepointOpen(prog.fd().get(), name, subject)), subject);
    }

    /**
     * BPF_LINK_UPDATE: the link runs {@code replacement} from now on, without a moment detached. With
     * {@code expected} non-null the kernel swaps only if the link still runs that program (BPF_F_REPLACE).
     */
    public void update(BpfProgram replacement, BpfProgram expected) throws BpfException {
        LinkCommands.update(fd().get(), replacement.fd().get(), expected == null ? 0 : expected.fd().get(), describe());
        info = queryInfo(fd(), label);
    }

    /**
     * BPF_LINK_DETACH: detaches the program now, though FDs and pins of the link remain (they then hold
     * a link attached to nothing). Links without a detach operation (perf events, raw tracepoints)
     * fail with EOPNOTSUPP: they end when their last FD and pin go.
     */
    public void detach() throws BpfException {
        LinkCommands.detach(fd().get(), describe());
        info = queryInfo(fd(), label);
    }

    /** BPF_OBJ_GET_INFO_BY_FD, twice for the link types that report a name (into a buffer we pass). */
    private static LinkInfo queryInfo(Fd fd, String label) throws BpfException {
        int nameField;
        try (Memory m = infoByFd(fd, INFO_SIZE, label)) {
            nameField = nameOffset(m.getInt(0), m.getInt(16)); // type; perf_event.type
            if (nameField < 0) {
                return decode(m, "");
            }
        }
        try (Memory name = new Memory(NAME_SIZE); Memory m = new Memory(INFO_SIZE)) {
            name.clear();
            m.clear();
            m.setLong(nameField, Pointer.nativeValue(name)); // tp_name / file_name / target_name
            m.setInt(nameField + 8, NAME_SIZE);                          // its length
            ObjectCommands.getInfoByFd(fd.get(), m, INFO_SIZE, label);
            return decode(m, name.getString(0, "UTF-8"));
        }
    }

    /** Where struct bpf_link_info holds the name pointer (its u32 length follows 8 bytes later); -1: none. */
    private static int nameOffset(int type, int perfType) {
        if (type == LinkType.RAW_TRACEPOINT.number() || type == LinkType.ITER.number()) {
            return 16; // raw_tracepoint.tp_name, iter.target_name
        }
        if (type == LinkType.PERF_EVENT.number() && perfType >= 1 && perfType <= 5) {
            return 24; // uprobe.file_name, kprobe.func_name, tracepoint.tp_name
        }
        return -1;
    }

    private static LinkInfo decode(Memory m, String name) {
        int type = m.getInt(0);
        LinkType t = LinkType.of(type);
        int ifindex = 0;
        int attachType = 0;
        long cgroupId = 0;
        int btfId = 0;
        int perfType = 0;
        long offset = 0;
        if (t != null) {
            switch (t) {
                case XDP -> ifindex = m.getInt(16);
                case TCX, NETKIT -> {
                    ifindex = m.getInt(16);
                    attachType = m.getInt(20);
                }
                case CGROUP -> {
                    cgroupId = m.getLong(16);
                    attachType = m.getInt(24);
                }
                case TRACING -> {
                    attachType = m.getInt(16);
                    btfId = m.getInt(24);
                }
                case NETNS -> attachType = m.getInt(20);
                case PERF_EVENT -> {
                    perfType = m.getInt(16);
                    offset = perfType <= 4 ? Integer.toUnsignedLong(m.getInt(36)) : 0;
                }
                default -> {
                }
            }
        }
        return new LinkInfo(type, m.getInt(4), m.getInt(8), ifindex, attachType, cgroupId, btfId, perfType, name, offset);
    }

    /** What the kernel reported when the link was opened, or after the last update or detach. */
    public LinkInfo info() {
        return info;
    }

    /** Asks the kernel again (another holder may have detached or updated the link). */
    public LinkInfo queryInfo() throws BpfException {
        info = queryInfo(fd(), label);
        return info;
    }

    @Override
    public ObjectKind kind() {
        return ObjectKind.LINK;
    }

    @Override
    public int id() {
        return info.id();
    }

    @Override
    public String describe() {
        return label != null && !label.isEmpty() ? label : named("link", "", info.id());
    }
}
