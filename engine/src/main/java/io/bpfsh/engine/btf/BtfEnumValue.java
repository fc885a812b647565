package io.bpfsh.engine.btf;

/**
 * One enumerator of an ENUM or ENUM64.
 *
 * @param value the 64-bit pattern: sign-extended for signed enums, zero-extended otherwise (so an unsigned ENUM64
 *              value above {@link Long#MAX_VALUE} reads as negative here)
 */
public record BtfEnumValue(String name, long value) {
}
