package io.bpfsh.engine.sys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The number of possible CPUs: per-CPU maps hold one value slot per possible CPU (not per online
 * CPU), so lookups need a buffer of that many slots.
 */
public final class PossibleCpus {
    private static volatile int count;

    private PossibleCpus() {
    }

    public static int count() {
        int c = count;
        if (c == 0) {
            try {
                c = parse(Files.readString(Path.of("/sys/devices/system/cpu/possible")));
            } catch (IOException | IllegalArgumentException e) {
                // guessing (online CPUs) could size per-CPU buffers too small for what the kernel writes
                throw new IllegalStateException("cannot read the possible CPUs from /sys/devices/system/cpu/possible: "
                        + e.getMessage(), e);
            }
            count = c;
        }
        return c;
    }

    /** Counts the CPUs in a list like "0-3,5,7-8". */
    static int parse(String list) {
        int n = 0;
        for (String part : list.trim().split(",")) {
            if (part.isEmpty()) {
                continue;
            }
            int dash = part.indexOf('-');
            if (dash < 0) {
                Integer.parseInt(part);
                n++;
            } else {
                int lo = Integer.parseInt(part.substring(0, dash));
                int hi = Integer.parseInt(part.substring(dash + 1));
                if (hi < lo) {
                    throw new IllegalArgumentException("bad cpu range " + part);
                }
                n += hi - lo + 1;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("empty cpu list");
        }
        return n;
    }
}
