package io.bpfsh.engine.sys;

/** bpf(2) commands (enum bpf_cmd in include/uapi/linux/bpf.h) with the verb used in error messages. */
public enum BpfCommand {
    MAP_CREATE(0, "create map"),
    MAP_LOOKUP_ELEM(1, "lookup"),
    MAP_UPDATE_ELEM(2, "update"),
    MAP_DELETE_ELEM(3, "delete"),
    MAP_GET_NEXT_KEY(4, "get next key"),
    PROG_LOAD(5, "load program"),
    OBJ_PIN(6, "pin"),
    OBJ_GET(7, "get pinned object"),
    PROG_TEST_RUN(10, "test run"),
    PROG_GET_NEXT_ID(11, "next program id"),
    MAP_GET_NEXT_ID(12, "next map id"),
    PROG_GET_FD_BY_ID(13, "open"),
    MAP_GET_FD_BY_ID(14, "open"),
    OBJ_GET_INFO_BY_FD(15, "get info"),
    RAW_TRACEPOINT_OPEN(17, "attach raw tracepoint"),
    BTF_LOAD(18, "load BTF"),
    BTF_GET_FD_BY_ID(19, "open"),
    MAP_LOOKUP_AND_DELETE_ELEM(21, "pop"),
    MAP_FREEZE(22, "freeze map"),
    MAP_LOOKUP_BATCH(24, "batch lookup"),
    MAP_UPDATE_BATCH(26, "batch update"),
    LINK_CREATE(28, "attach"),
    LINK_UPDATE(29, "update link"),
    LINK_GET_FD_BY_ID(30, "open"),
    LINK_GET_NEXT_ID(31, "next link id"),
    ENABLE_STATS(32, "enable stats"),
    LINK_DETACH(34, "detach link");

    private final int number;
    private final String verb;

    BpfCommand(int number, String verb) {
        this.number = number;
        this.verb = verb;
    }

    public int number() {
        return number;
    }

    /** What the command does, as it reads at the start of an error message. */
    public String verb() {
        return verb;
    }
}
