package io.bpfsh.engine.btf;

/** Where a DATASEC places one of its VARs: byte offset and size within the section. */
public record BtfVarSecinfo(int type, long offset, long size) {
}
