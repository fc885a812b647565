package io.bpfsh.engine.fs;

import io.bpfsh.engine.sys.LinkInfo;
import io.bpfsh.engine.sys.MapInfo;
import io.bpfsh.engine.sys.ProgInfo;
import java.nio.file.Path;

/**
 * One entry of a bpffs tree, with the kernel's info about the pinned object when it could be opened.
 * At most one of the infos is set; {@code target} is a SYMLINK's (never followed); {@code error} says
 * why an entry is UNKNOWN.
 */
public record BpffsEntry(Path path, EntryKind kind, MapInfo mapInfo, ProgInfo progInfo, LinkInfo linkInfo,
                         String target, String error) {
    static BpffsEntry of(Path path, EntryKind kind, MapInfo mapInfo, ProgInfo progInfo, LinkInfo linkInfo,
            String error) {
        return new BpffsEntry(path, kind, mapInfo, progInfo, linkInfo, null, error);
    }

    static BpffsEntry symlink(Path path, String target) {
        return new BpffsEntry(path, EntryKind.SYMLINK, null, null, null, target, null);
    }

    public String name() {
        Path f = path.getFileName();
        return f == null ? path.toString() : f.toString();
    }

    /** The kernel id of the pinned object, or 0 for directories and entries that could not be opened. */
    public int id() {
        return mapInfo != null ? mapInfo.id() : progInfo != null ? progInfo.id() : linkInfo != null ? linkInfo.id() : 0;
    }

    /** "hash", "xdp", ... (a link's type for links) or "" for directories. */
    public String typeName() {
        return mapInfo != null ? mapInfo.typeName() : progInfo != null ? progInfo.typeName()
                : linkInfo != null ? linkInfo.typeName() : "";
    }
}
