package io.bpfsh.engine.testing;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Two network namespaces joined by a veth pair, made for one test and removed at close: {@code a}
 * holds {@link #deviceA()} (10.213.N.1), {@code b} holds {@link #deviceB()} (10.213.N.2). IPv6 is off
 * and the neighbours are static, so the only packets on the wire are the ones a test sends: a count
 * of packets seen is exact. Code runs inside a namespace on a thread of its own that setns(2)
 * entered, so the JVM itself never leaves the host's namespace (and, unlike {@code ip netns exec},
 * the mount namespace and with it bpffs stay as they are).
 */
public final class NetNamespace implements AutoCloseable {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final int CLONE_NEWNET = 0x40000000;
    private static final int O_RDONLY_CLOEXEC = 02000000;

    private interface Libc extends Library {
        Libc INSTANCE = Native.load("c", Libc.class);

        int open(String path, int flags);

        int setns(int fd, int nstype);

        int close(int fd);
    }

    private final String a;
    private final String b;
    private final String deviceA;
    private final String deviceB;
    private final String addressA;
    private final String addressB;

    private NetNamespace(int n) {
        String tag = (ProcessHandle.current().pid() % 100000) + "x" + n;
        a = "bpfsh-" + tag + "a";
        b = "bpfsh-" + tag + "b";
        deviceA = "vb" + tag + "a";
        deviceB = "vb" + tag + "b";
        addressA = "10.213." + (n % 250) + ".1";
        addressB = "10.213." + (n % 250) + ".2";
    }

    /** Creates both namespaces and the veth pair between them, up and addressed. */
    public static NetNamespace pair() {
        NetNamespace ns = new NetNamespace(SEQUENCE.incrementAndGet());
        try {
            ns.create();
        } catch (RuntimeException | Error e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    private void create() {
        String macA = "02:00:00:d5:00:01";
        String macB = "02:00:00:d5:00:02";
        run("ip", "netns", "add", a);
        run("ip", "netns", "add", b);
        for (String ns : List.of(a, b)) {
            // before the devices exist, so that they never get an IPv6 address and never solicit
            run("nsenter", "--net=/run/netns/" + ns, "sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1",
                    "net.ipv6.conf.default.disable_ipv6=1");
        }
        run("ip", "-n", a, "link", "add", deviceA, "address", macA, "type", "veth", "peer", "name", deviceB,
                "address", macB, "netns", b);
        run("ip", "-n", a, "addr", "add", addressA + "/24", "dev", deviceA);
        run("ip", "-n", b, "addr", "add", addressB + "/24", "dev", deviceB);
        run("ip", "-n", a, "neigh", "add", addressB, "lladdr", macB, "dev", deviceA, "nud", "permanent");
        run("ip", "-n", b, "neigh", "add", addressA, "lladdr", macA, "dev", deviceB, "nud", "permanent");
        run("ip", "-n", a, "link", "set", deviceA, "up");
        run("ip", "-n", b, "link", "set", deviceB, "up");
    }

    public String a() {
        return a;
    }

    public String b() {
        return b;
    }

    public String deviceA() {
        return deviceA;
    }

    public String deviceB() {
        return deviceB;
    }

    public String addressA() {
        return addressA;
    }

    /** Runs {@code body} on a new thread inside namespace {@code ns}; returns its result or rethrows. */
    public static <T> T inside(String ns, Callable<T> body) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            int fd = Libc.INSTANCE.open("/run/netns/" + ns, O_RDONLY_CLOEXEC);
            if (fd < 0) {
                failure.set(new AssertionError("open /run/netns/" + ns + ": errno " + Native.getLastError()));
                return;
            }
            try {
                if (Libc.INSTANCE.setns(fd, CLONE_NEWNET) != 0) {
                    failure.set(new AssertionError("setns " + ns + ": errno " + Native.getLastError()));
                    return;
                }
                result.set(body.call());
            } catch (Throwable e) {
                failure.set(e);
            } finally {
                Libc.INSTANCE.close(fd);
            }
        }, "netns-" + ns);
        t.start();
        t.join(TimeUnit.SECONDS.toMillis(60));
        if (t.isAlive()) {
            throw new AssertionError("code in namespace " + ns + " did not finish in 60 s");
        }
        Throwable e = failure.get();
        if (e instanceof Exception ex) {
            throw ex;
        }
        if (e instanceof Error err) {
            throw err;
        }
        return result.get();
    }

    /** Sends {@code count} UDP datagrams from b to a's address at {@code port} (each arrives at deviceA). */
    public void sendUdp(int port, int count) throws Exception {
        inside(b, () -> {
            try (DatagramSocket s = new DatagramSocket()) {
                byte[] payload = "bpfsh".getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < count; i++) {
                    s.send(new DatagramPacket(payload, payload.length, InetAddress.getByName(addressA), port));
                }
            }
            return null;
        });
    }

    /** `ip -n NS OPTIONS... link show DEV`'s output (e.g. to see the xdp program on a device). */
    public String linkShow(String ns, String device) {
        return run("ip", "-n", ns, "-d", "link", "show", device);
    }

    /** Runs a command to completion; fails the test on a non-zero exit. */
    public static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out;
            // closed here rather than by the JVM's reaper later, so tests can count this process's FDs
            try (var stdout = p.getInputStream(); var stdin = p.getOutputStream()) {
                out = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + String.join(" ", command));
            }
            if (p.exitValue() != 0) {
                throw new AssertionError("failed (" + p.exitValue() + "): " + String.join(" ", command) + "\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command[0] + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Removes both namespaces (and with them the veth pair); what is already gone is not an error. */
    @Override
    public void close() {
        List<String> left = new ArrayList<>();
        for (String ns : List.of(a, b)) {
            if (java.nio.file.Files.exists(java.nio.file.Path.of("/run/netns", ns))) {
                try {
                    run("ip", "netns", "del", ns);
                } catch (AssertionError e) {
                    left.add(ns);
                }
            }
        }
        if (!left.isEmpty()) {
            throw new AssertionError("network namespaces left behind: " + left);
        }
    }
}
