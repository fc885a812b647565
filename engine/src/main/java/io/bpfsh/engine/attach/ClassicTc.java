package io.bpfsh.engine.attach;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.sys.BpfProgram;
import io.bpfsh.engine.sys.Errno;
import io.bpfsh.engine.sys.NetDevices;
import io.bpfsh.engine.sys.NetlinkSocket;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The classic way to attach a tc program, for kernels without tcx (before 6.6): a clsact qdisc on the
 * device and a cls_bpf filter in direct-action mode under its ingress or egress hook, made through
 * rtnetlink as {@code tc qdisc add dev D clsact; tc filter add dev D ingress bpf da fd N} does. Such
 * a filter is not a link: it holds the program until it is deleted ({@link TcFilter#detach}), not while
 * an FD is open. Message layouts: struct nlmsghdr, struct tcmsg and rtattrs (include/uapi/linux/rtnetlink.h,
 * pkt_sched.h, pkt_cls.h), hand-written because no library the engine uses speaks rtnetlink.
 */
public final class ClassicTc {
    private static final int RTM_NEWQDISC = 36;
    private static final int RTM_DELQDISC = 37;
    private static final int RTM_NEWTFILTER = 44;
    private static final int RTM_DELTFILTER = 45;
    private static final int NLM_F_REQUEST = 1;
    private static final int NLM_F_ACK = 4;
    private static final int NLM_F_EXCL = 0x200;
    private static final int NLM_F_CREATE = 0x400;
    private static final int TCA_KIND = 1;
    private static final int TCA_OPTIONS = 2;
    private static final int NLA_F_NESTED = 0x8000;
    private static final int TCA_BPF_FD = 6;
    private static final int TCA_BPF_NAME = 7;
    private static final int TCA_BPF_FLAGS = 8;
    private static final int TCA_BPF_FLAG_ACT_DIRECT = 1;
    private static final int TC_H_CLSACT = 0xFFFFFFF1;
    private static final int CLSACT_HANDLE = 0xFFFF0000;
    private static final int ETH_P_ALL = 3;
    /** libbpf's defaults for a filter it adds: priority 1, handle 1. */
    static final int PRIORITY = 1;
    static final int HANDLE = 1;

    private ClassicTc() {
    }

    /** Adds clsact (unless the device has it) and the program as a direct-action filter. */
    public static TcFilter attach(BpfProgram prog, String device, TcDirection direction) throws EngineException {
        int ifindex = NetDevices.indexOf(device);
        String subject = "tc " + direction.displayName() + " filter " + prog.describe() + " on " + device;
        try (NetlinkSocket nl = NetlinkSocket.openRoute()) {
            int r = nl.request(qdisc(RTM_NEWQDISC, NLM_F_CREATE | NLM_F_EXCL, ifindex), subject);
            if (r != 0 && r != Errno.EEXIST.number()) {
                throw new EngineException(subject + ": add clsact qdisc: " + Errno.describe(r));
            }
            boolean createdQdisc = r == 0;
            String name = prog.info().name() + ":[" + prog.id() + "]";
            r = nl.request(filter(RTM_NEWTFILTER, NLM_F_CREATE | NLM_F_EXCL, ifindex, direction, prog.fd().get(), name),
                    subject);
            if (r != 0) {
                if (createdQdisc) {
                    nl.request(qdisc(RTM_DELQDISC, 0, ifindex), subject);
                }
                throw new EngineException(subject + ": add cls_bpf filter: " + Errno.describe(r)
                        + (r == Errno.EEXIST.number() ? " (a filter with priority " + PRIORITY + " and handle "
                        + HANDLE + " is there already)" : ""));
            }
            return new TcFilter(device, ifindex, direction, createdQdisc, prog.id());
        }
    }

    /** Deletes the filter, and the clsact qdisc when the attach created it. */
    static void detach(TcFilter f) throws EngineException {
        String subject = "tc " + f.direction().displayName() + " filter on " + f.device();
        try (NetlinkSocket nl = NetlinkSocket.openRoute()) {
            int r = nl.request(filter(RTM_DELTFILTER, 0, f.ifindex(), f.direction(), -1, null), subject);
            if (r != 0 && r != Errno.ENOENT.number()) {
                throw new EngineException(subject + ": delete: " + Errno.describe(r));
            }
            if (f.createdQdisc()) {
                r = nl.request(qdisc(RTM_DELQDISC, 0, f.ifindex()), subject);
                if (r != 0 && r != Errno.ENOENT.number() && r != Errno.EINVAL.number()) {
                    throw new EngineException(subject + ": delete clsact qdisc: " + Errno.describe(r));
                }
            }
        }
    }

    private static byte[] qdisc(int type, int flags, int ifindex) {
        Message m = new Message(type, flags, ifindex, CLSACT_HANDLE, TC_H_CLSACT, 0);
        m.attribute(TCA_KIND, cString("clsact"));
        return m.bytes();
    }

    /** A cls_bpf filter message; {@code progFd} &lt; 0 for a delete (no options). */
    private static byte[] filter(int type, int flags, int ifindex, TcDirection d, int progFd, String name) {
        int parent = d == TcDirection.INGRESS ? 0xFFFFFFF2 : 0xFFFFFFF3; // TC_H_MAKE(clsact, MIN_INGRESS/EGRESS)
        int info = (PRIORITY << 16) | Short.toUnsignedInt(Short.reverseBytes((short) ETH_P_ALL)); // htons
        Message m = new Message(type, flags, ifindex, HANDLE, parent, info);
        m.attribute(TCA_KIND, cString("bpf"));
        if (progFd >= 0) {
            Message options = new Message();
            options.attribute(TCA_BPF_FD, u32(progFd));
            options.attribute(TCA_BPF_NAME, cString(name));
            options.attribute(TCA_BPF_FLAGS, u32(TCA_BPF_FLAG_ACT_DIRECT));
            m.attribute(TCA_OPTIONS | NLA_F_NESTED, options.bytes());
        }
        return m.bytes();
    }

    private static byte[] cString(String s) {
        return (s + "\0").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] u32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(v).array();
    }

    /** struct nlmsghdr + struct tcmsg, then 4-byte aligned rtattrs (or only rtattrs, for a nest). */
    private static final class Message {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Message(int type, int flags, int ifindex, int handle, int parent, int info) {
            ByteBuffer h = ByteBuffer.allocate(36).order(ByteOrder.nativeOrder());
            h.putInt(0)                                    // nlmsg_len: set by NetlinkSocket
                    .putShort((short) type).putShort((short) (flags | NLM_F_REQUEST | NLM_F_ACK))
                    .putInt(0).putInt(0)                   // nlmsg_seq (set when sent), nlmsg_pid
                    .put((byte) 0).put((byte) 0).putShort((short) 0) // tcm_family AF_UNSPEC, padding
                    .putInt(ifindex).putInt(handle).putInt(parent).putInt(info);
            out.writeBytes(h.array());
        }

        Message() {
        }

        void attribute(int type, byte[] value) {
            ByteBuffer a = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder());
            a.putShort((short) (4 + value.length)).putShort((short) type);
            out.writeBytes(a.array());
            out.writeBytes(value);
            out.writeBytes(new byte[(4 - value.length % 4) % 4]);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
