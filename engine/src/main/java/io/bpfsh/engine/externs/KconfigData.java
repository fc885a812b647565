package io.bpfsh.engine.externs;

import java.util.Set;

/**
 * The value of an object's .kconfig map: each {@code .kconfig} extern's value at its offset, from the running
 * kernel's version and configuration, as libbpf fills it. A strong extern the kernel cannot answer is an error; a
 * weak one stays 0. The LINUX_* values libbpf finds by probing the kernel are refused rather than guessed.
 */
public final class KconfigData {
    /** LINUX_ names libbpf answers by probing features; bpfsh does not probe, and 0 would be wrong. */
    private static final Set<String> PROBED = Set.of("LINUX_HAS_BPF_COOKIE", "LINUX_HAS_SYSCALL_WRAPPER");

    /** Supplies the kernel configuration only when a CONFIG_ extern needs it (reading it costs a decompression). */
    @FunctionalInterface
    public interface ConfigSource {
        KernelConfig get() throws ExternException;
    }

    private KconfigData() {
    }

    /**
     * @param kernelVersion LINUX_VERSION_CODE of the running kernel ({@code (a << 16) + (b << 8) + min(c, 255)})
     */
    public static byte[] build(String file, ObjectExterns externs, int kernelVersion, ConfigSource config)
            throws ExternException {
        byte[] data = new byte[externs.kconfigSize()];
        KernelConfig loaded = null;
        for (ExternSpec e : externs.all()) {
            if (e.kind() != ExternSpec.Kind.KCONFIG) continue;
            byte[] value = null;
            if (e.name().equals("LINUX_KERNEL_VERSION")) {
                value = e.kconfig().number(kernelVersion);
            } else if (PROBED.contains(e.name())) {
                throw new ExternException(file + ": extern (kconfig) '" + e.name() + "' needs a kernel feature probe, "
                        + "which bpfsh does not do");
            } else if (e.name().startsWith("CONFIG_")) {
                if (loaded == null) loaded = config.get();
                String v = loaded.value(e.name()).orElse(null);
                if (v != null) value = e.kconfig().encode(v);
                else if (!e.weak()) {
                    throw new ExternException(file + ": extern (kconfig) '" + e.name() + "' is not set in "
                            + loaded.origin() + " (declare it __weak to default it to 0)");
                }
            } else if (!e.weak()) {
                throw new ExternException(file + ": extern (kconfig) '" + e.name() + "' is neither LINUX_KERNEL_VERSION "
                        + "nor a CONFIG_ option");
            }
            if (value != null) System.arraycopy(value, 0, data, e.dataOffset(), value.length);
        }
        return data;
    }
}
