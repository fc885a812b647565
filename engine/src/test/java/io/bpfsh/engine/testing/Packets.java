package io.bpfsh.engine.testing;

import java.nio.ByteBuffer;

/** Ethernet frames for test runs, built field by field (network byte order). */
public final class Packets {
    public static final int ETH_P_IP = 0x0800;
    public static final int IPPROTO_TCP = 6;
    public static final int IPPROTO_UDP = 17;

    private Packets() {
    }

    /** Ethernet + IPv4 (20-byte header) + UDP to {@code dstPort} + {@code payload} zero bytes. */
    public static byte[] ipv4Udp(int dstPort, int payload) {
        return ipv4(IPPROTO_UDP, 8 + payload, b -> b.putShort((short) 40000).putShort((short) dstPort)
                .putShort((short) (8 + payload)).putShort((short) 0));
    }

    /** Ethernet + IPv4 + a 20-byte TCP header to {@code dstPort}. */
    public static byte[] ipv4Tcp(int dstPort) {
        return ipv4(IPPROTO_TCP, 20, b -> b.putShort((short) 40000).putShort((short) dstPort));
    }

    /** An Ethernet header that claims IPv4 and nothing after it. */
    public static byte[] truncatedIpv4() {
        return ethernet(ETH_P_IP, 0).array();
    }

    private static byte[] ipv4(int protocol, int l4Length, java.util.function.Consumer<ByteBuffer> l4) {
        ByteBuffer b = ethernet(ETH_P_IP, 20 + l4Length);
        int start = b.position();
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + l4Length)) // version 4, IHL 5; total length
                .putShort((short) 1).putShort((short) 0x4000)                   // id; don't fragment
                .put((byte) 64).put((byte) protocol).putShort((short) 0)        // ttl, protocol, checksum
                .put(new byte[] {10, 0, 0, 1}).put(new byte[] {10, 0, 0, 2});   // 10.0.0.1 -> 10.0.0.2
        b.position(start + 20);
        l4.accept(b);
        return b.array();
    }

    private static ByteBuffer ethernet(int ethertype, int rest) {
        ByteBuffer b = ByteBuffer.allocate(14 + rest); // big-endian: network byte order
        b.put(new byte[] {2, 0, 0, 0, 0, 2}).put(new byte[] {2, 0, 0, 0, 0, 1}).putShort((short) ethertype);
        return b;
    }
}
