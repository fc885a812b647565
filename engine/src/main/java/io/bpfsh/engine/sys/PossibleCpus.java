package io.bpfsh.engine.sys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

    /**
     * The CPUs online now, ascending: a perf event can only be opened on those (libbpf skips the
     * offline ones too).
     */
    public static List<Integer> online() {
        try {
            return ids(Files.readString(Path.of("/sys/devices/system/cpu/online")));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read the online CPUs from /sys/devices/system/cpu/online: "
                    + e.getMessage(), e);
        }
    }

    /** Counts the CPUs in a list like "0-3,5,7-8". */
    static int parse(String list) {
        return ids(list).size();
    }

    /** The CPU numbers in a list like "0-3,5,7-8". */
    static List<Integer> ids(String list) {
        List<Integer> ids = new ArrayList<>();
        for (String part : list.trim().split(",")) {
            if (part.isEmpty()) {
                continue;
            }
            int dash = part.indexOf('-');
            if (dash < 0) {
                ids.add(Integer.parseInt(part));
            } else {
                int lo = Integer.parseInt(part.substring(0, dash));
                int hi = Integer.parseInt(part.substring(dash + 1));
                if (hi < lo) {
                    throw new IllegalArgumentException("bad cpu range " + part);
                }
                for (int c = lo; c <= hi; c++) {
                    ids.add(c);
                }
            }
        }
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("empty cpu list");
        }
        return ids;
    }
}
