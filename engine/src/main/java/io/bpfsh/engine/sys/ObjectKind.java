package io.bpfsh.engine.sys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What kind of kernel object a BPF FD refers to. */
public enum ObjectKind {
    MAP, PROG, LINK, BTF, UNKNOWN;

    public String displayName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Reads the kind from the FD's anon inode name ({@code anon_inode:bpf-map}, {@code bpf-prog},
     * {@code bpf_link}, {@code btf}), which every kernel with BPF_OBJ_GET reports.
     */
    static ObjectKind ofFd(int fd) {
        String target;
        try {
            target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return UNKNOWN;
        }
        switch (target) {
            case "anon_inode:bpf-map":
                return MAP;
            case "anon_inode:bpf-prog":
                return PROG;
            case "anon_inode:bpf_link":
            case "anon_inode:bpf-link":
                return LINK;
            case "anon_inode:btf":
                return BTF;
            default:
                return UNKNOWN;
        }
    }
}
