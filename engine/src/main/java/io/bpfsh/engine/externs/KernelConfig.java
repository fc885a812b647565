package io.bpfsh.engine.externs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * The running kernel's build configuration, for {@code .kconfig} externs ({@code extern bool CONFIG_X __kconfig}):
 * {@code CONFIG_NAME=value} lines from {@code /boot/config-<release>}, else {@code /proc/config.gz}, where libbpf
 * looks. Values are kept as written ({@code y}, {@code m}, {@code 1000}, {@code "text"}); options that are not set
 * are absent.
 */
public final class KernelConfig {
    /** Far above any real configuration (a few hundred KiB); bounds what a corrupt config.gz can make us hold. */
    private static final int MAX_TEXT = 16 << 20;

    private final String origin;
    private final Map<String, String> values;

    private KernelConfig(String origin, Map<String, String> values) {
        this.origin = origin;
        this.values = Map.copyOf(values);
    }

    /**
     * @throws ExternException for a {@code CONFIG_} line with no {@code =} or no value, as libbpf refuses those
     */
    public static KernelConfig parse(String origin, String text) throws ExternException {
        Map<String, String> values = new HashMap<>();
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            if (!line.startsWith("CONFIG_")) continue; // comments, "# CONFIG_X is not set", blank lines
            int eq = line.indexOf('=');
            if (eq < 0 || eq == line.length() - 1) {
                throw new ExternException(origin + ":" + lineNo + ": '" + line + "' has no "
                        + (eq < 0 ? "'=' separator" : "value"));
            }
            values.putIfAbsent(line.substring(0, eq), line.substring(eq + 1));
        }
        return new KernelConfig(origin, values);
    }

    /** The running kernel's: {@code /boot/config-RELEASE}, else {@code /proc/config.gz}. */
    public static KernelConfig running(String release) throws ExternException {
        Path boot = Path.of("/boot/config-" + release);
        try {
            return parse(boot.toString(), read(Files.newInputStream(boot)));
        } catch (NoSuchFileException e) {
            // not installed there: try the kernel's own copy
        } catch (IOException e) {
            throw new ExternException("cannot read " + boot + ": " + e.getMessage());
        }
        Path proc = Path.of("/proc/config.gz");
        try {
            return parse(proc.toString(), read(new GZIPInputStream(Files.newInputStream(proc))));
        } catch (NoSuchFileException e) {
            throw new ExternException("the kernel configuration is in neither " + boot + " nor " + proc
                    + " (CONFIG_IKCONFIG_PROC), so CONFIG_ externs cannot be resolved");
        } catch (IOException e) {
            throw new ExternException("cannot read " + proc + ": " + e.getMessage());
        }
    }

    private static String read(InputStream in) throws IOException {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[65536];
            for (int n; (n = in.read(buf)) > 0; ) {
                if (out.size() + n > MAX_TEXT) throw new IOException("larger than " + MAX_TEXT + " bytes");
                out.write(buf, 0, n);
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    public String origin() {
        return origin;
    }

    /** The value of {@code CONFIG_NAME} as written, if it is set. */
    public Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }
}
