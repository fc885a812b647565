package io.bpfsh.engine.btf;

/**
 * A member of a STRUCT or UNION.
 *
 * @param name         empty for an anonymous struct or union member, whose fields belong to the enclosing type
 * @param type         the member's type id
 * @param bitOffset    offset of the member's first bit from the start of the enclosing type
 * @param bitfieldSize width in bits when the member is a bitfield declared through the kind flag, else 0
 */
public record BtfMember(String name, int type, long bitOffset, int bitfieldSize) {
}
