package io.bpfsh.engine.sys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * What /proc/self/fdinfo tells of a BPF FD beyond bpf_map_info and bpf_prog_info: the memory the
 * kernel charges for the object ({@code memlock:}, as bpftool shows it).
 */
public final class FdInfo {
    private FdInfo() {
    }

    /** The bytes the kernel charges for the object, or empty when it does not say (or /proc is not there). */
    public static OptionalLong memlock(Fd fd) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo/" + fd.get()))) {
                if (line.startsWith("memlock:")) {
                    return OptionalLong.of(Long.parseLong(line.substring("memlock:".length()).trim()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not reported: the caller shows nothing
        }
        return OptionalLong.empty();
    }
}
