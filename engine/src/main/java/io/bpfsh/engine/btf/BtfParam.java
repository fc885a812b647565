package io.bpfsh.engine.btf;

/** A FUNC_PROTO parameter; a final one with type 0 and no name marks a variadic function. */
public record BtfParam(String name, int type) {
}
