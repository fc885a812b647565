package io.bpfsh.engine.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.testing.KernelTest;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A user without root or CAP_BPF gets a one-line error that says what is missing. */
@KernelTest
class UnprivilegedKernelTest {

    /** Run as nobody: tries to create a map and prints the error message, or "created". */
    public static void main(String[] args) {
        try (BpfMap m = BpfMap.create(MapAttributes.of(MapType.ARRAY, 4, 4, 1))) {
            System.out.println("created");
        } catch (BpfException e) {
            System.out.println(e.getMessage());
        }
    }

    @Test
    void mapCreateAsNobodySaysRootOrCapBpfIsNeeded() throws Exception {
        int disabled = Integer.parseInt(Files.readString(Path.of("/proc/sys/kernel/unprivileged_bpf_disabled")).trim());
        // the class path lives under root's home, which nobody cannot read: copy what the child needs
        Path dir = Files.createTempDirectory("bpfsh-unpriv");
        try {
            List<String> cp = new ArrayList<>();
            int i = 0;
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path src = Path.of(entry);
                if (entry.contains("jna") || entry.endsWith("classes") || entry.endsWith("test-classes")) {
                    Path dst = dir.resolve("cp" + i++);
                    copy(src, dst);
                    cp.add(dst.toString());
                }
            }
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.toList()) {
                    p.toFile().setReadable(true, false);
                    p.toFile().setExecutable(true, false);
                }
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                    "--inh-caps=-all", "--bounding-set=-all", java, "-cp", String.join(File.pathSeparator, cp),
                    UnprivilegedKernelTest.class.getName()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), out);
            if (disabled != 0) {
                assertEquals("create map array: operation not permitted (EPERM): root or CAP_BPF is needed", out);
            } else {
                assertTrue(out.equals("created") || out.endsWith("root or CAP_BPF is needed"), out);
            }
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static void copy(Path src, Path dst) throws Exception {
        if (Files.isDirectory(src)) {
            try (Stream<Path> s = Files.walk(src)) {
                for (Path p : s.toList()) {
                    Path t = dst.resolve(src.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(t);
                    } else {
                        Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } else {
            Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
