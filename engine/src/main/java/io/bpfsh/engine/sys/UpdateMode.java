package io.bpfsh.engine.sys;

/** The flags of BPF_MAP_UPDATE_ELEM. */
public enum UpdateMode {
    /** BPF_ANY: create or replace. */
    ANY(0),
    /** BPF_NOEXIST: create only; EEXIST if the key is there. */
    NOEXIST(1),
    /** BPF_EXIST: replace only; ENOENT if the key is missing. */
    EXIST(2);

    final long flags;

    UpdateMode(long flags) {
        this.flags = flags;
    }
}
