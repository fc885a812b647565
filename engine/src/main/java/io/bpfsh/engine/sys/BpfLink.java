package io.bpfsh.engine.sys;

import com.sun.jna.Memory;

/** A BPF link (attachment) opened from a pin or by id; bpfsh shows links but does not create them. */
public final class BpfLink extends BpfObject {
    private final LinkInfo info;

    BpfLink(Fd fd) throws BpfException {
        super(fd);
        try (Memory m = infoByFd(fd, 64, "link")) {
            info = new LinkInfo(m.getInt(0), m.getInt(4), m.getInt(8)); // type, id, prog_id
        }
    }

    public LinkInfo info() {
        return info;
    }

    @Override
    public ObjectKind kind() {
        return ObjectKind.LINK;
    }

    @Override
    public int id() {
        return info.id();
    }

    @Override
    public String describe() {
        return "link (id " + info.id() + ")";
    }
}
