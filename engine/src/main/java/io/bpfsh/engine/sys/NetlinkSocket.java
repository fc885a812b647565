package io.bpfsh.engine.sys;

import com.sun.jna.Memory;
import io.bpfsh.engine.EngineException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An rtnetlink socket (AF_NETLINK, NETLINK_ROUTE) in the caller's network namespace; owns its FD.
 * Sends one request at a time and waits for the kernel's acknowledgement. The messages themselves are
 * built by their callers (classic tc attachment); this class knows only struct nlmsghdr and NLMSG_ERROR.
 */
public final class NetlinkSocket implements AutoCloseable {
    private static final int AF_NETLINK = 16;
    private static final int SOCK_RAW = 3;
    private static final int SOCK_CLOEXEC = 02000000;
    private static final int NETLINK_ROUTE = 0;
    private static final int NLMSG_ERROR = 2;
    private static final int RECEIVE_SIZE = 64 << 10;

    private final Fd fd;
    private int sequence;

    private NetlinkSocket(Fd fd) {
        this.fd = fd;
    }

    public static NetlinkSocket openRoute() throws EngineException {
        int s = LibC.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
        if (s < 0) {
            throw new EngineException("rtnetlink socket: " + Errno.describe(LibC.errno()));
        }
        return new NetlinkSocket(new Fd(s));
    }

    /**
     * Sends {@code message} (a whole netlink message whose header this fills in with its sequence
     * number) and returns the errno of the kernel's acknowledgement: 0 for success.
     */
    public int request(byte[] message, String subject) throws EngineException {
        int seq = ++sequence;
        ByteBuffer.wrap(message).order(ByteOrder.nativeOrder()).putInt(0, message.length).putInt(8, seq);
        try (Memory buf = new Memory(message.length); Memory kernel = new Memory(12);
             Memory reply = new Memory(RECEIVE_SIZE)) {
            buf.write(0, message, 0, message.length);
            kernel.clear();
            kernel.setShort(0, (short) AF_NETLINK); // struct sockaddr_nl: the kernel is pid 0
            if (LibC.sendto(fd.get(), buf, message.length, 0, kernel, 12) < 0) {
                throw new EngineException(subject + ": rtnetlink send: " + Errno.describe(LibC.errno()));
            }
            while (true) {
                long n = LibC.recv(fd.get(), reply, RECEIVE_SIZE, 0);
                if (n < 0) {
                    throw new EngineException(subject + ": rtnetlink receive: " + Errno.describe(LibC.errno()));
                }
                for (int at = 0; at + 16 <= n; ) {
                    int len = reply.getInt(at);
                    int type = reply.getShort(at + 4) & 0xffff;
                    int replySeq = reply.getInt(at + 8);
                    if (len < 16 || len > n - at) {
                        throw new EngineException(subject + ": rtnetlink: malformed reply");
                    }
                    if (type == NLMSG_ERROR && replySeq == seq && len >= 20) {
                        return -reply.getInt(at + 16); // struct nlmsgerr.error is minus errno
                    }
                    at += (len + 3) & ~3;
                }
            }
        }
    }

    @Override
    public void close() {
        fd.close();
    }
}
