package io.bpfsh.engine.sys;

import java.util.List;

/** What the kernel reports about a loaded program (struct bpf_prog_info). */
public record ProgInfo(int type, int id, String name, String tag, int xlatedLength, int jitedLength,
                       boolean gplCompatible, int btfId, List<Integer> mapIds) {

    public String typeName() {
        return ProgType.nameOf(type);
    }
}
