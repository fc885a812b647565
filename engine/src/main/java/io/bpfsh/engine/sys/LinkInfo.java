package io.bpfsh.engine.sys;

/** What the kernel reports about a link (the common head of struct bpf_link_info). */
public record LinkInfo(int type, int id, int progId) {
}
