package io.bpfsh.engine.sys;

/**
 * One key and its value as raw bytes. For per-CPU maps the value holds one slot per possible CPU,
 * each slot the value size rounded up to 8 bytes (the kernel's layout).
 */
public record MapEntry(byte[] key, byte[] value) {
}
