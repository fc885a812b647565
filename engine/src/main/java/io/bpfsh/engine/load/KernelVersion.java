package io.bpfsh.engine.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The running kernel's LINUX_VERSION_CODE, for objects whose version section asks for it. */
public final class KernelVersion {
    private static final Pattern RELEASE = Pattern.compile("^(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    private KernelVersion() {
    }

    public static int current() {
        try {
            return code(release());
        } catch (IOException e) {
            return 0;
        }
    }

    /** uname's release, e.g. "6.18.44-fc-v1045": names /boot/config-RELEASE. */
    static String release() throws IOException {
        return Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
    }

    /** "6.18.44-foo" → (6 << 16) + (18 << 8) + 44; the sublevel saturates at 255 as the kernel's does. */
    public static int code(String release) {
        Matcher m = RELEASE.matcher(release);
        if (!m.find()) {
            return 0;
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        int patch = m.group(3) == null ? 0 : Math.min(255, Integer.parseInt(m.group(3)));
        return (major << 16) + (minor << 8) + patch;
    }
}
