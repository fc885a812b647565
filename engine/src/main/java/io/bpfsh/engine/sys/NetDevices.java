package io.bpfsh.engine.sys;

import com.sun.jna.Memory;
import io.bpfsh.engine.EngineException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Network device names and indexes in the caller's network namespace (if_nametoindex(3)). */
public final class NetDevices {
    /** IF_NAMESIZE from net/if.h, with the NUL. */
    private static final int IF_NAMESIZE = 16;

    private NetDevices() {
    }

    /** The index of a device, or an error naming it. */
    public static int indexOf(String name) throws EngineException {
        if (name.isEmpty() || name.length() >= IF_NAMESIZE || name.contains("/")) {
            throw new EngineException("network device '" + name + "': not a device name (1 to 15 characters, no '/')");
        }
        int index = LibC.if_nametoindex(name);
        if (index == 0) {
            throw new EngineException("network device " + name + ": " + Errno.describe(LibC.errno()));
        }
        return index;
    }

    /** The name of a device by index, or null when this namespace has none. */
    public static String nameOf(int index) {
        try (Memory buf = new Memory(IF_NAMESIZE)) {
            buf.clear();
            return LibC.if_indextoname(index, buf) == null ? null : buf.getString(0);
        }
    }

    /** The devices of the caller's network namespace, by name (from /proc/self/net/dev); empty if unreadable. */
    public static List<String> names() {
        try {
            return Files.readAllLines(Path.of("/proc/self/net/dev")).stream()
                    .filter(l -> l.indexOf(':') > 0).map(l -> l.substring(0, l.indexOf(':')).trim()).sorted().toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    static String nameOr(int index) {
        String n = nameOf(index);
        return n == null ? "(not in this network namespace)" : "(" + n + ")";
    }
}
