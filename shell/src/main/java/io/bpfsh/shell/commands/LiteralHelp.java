package io.bpfsh.shell.commands;

/** Help text shared by the commands that read KEY and VALUE literals (lookup, update, delete). */
final class LiteralHelp {
    private LiteralHelp() {
    }

    /** How a literal is read, in the order the shell decides. */
    static final String PRECEDENCE = "How a literal is read: hex:BYTES is always the raw bytes, exactly the size "
            + "(\"hex:0a 0b\" with spaces needs quotes). Otherwise, when the map has a BTF type for that side "
            + "(info shows it), it is a typed literal, written as dump prints it: 7, -3, 0x1f, an enum name, "
            + "true, \"text\" for a char array, [1, 2] for an array, '{pkts=5, bytes=1000}' for a struct "
            + "(fields left out are zero; a field that does not exist or a number that does not fit is an "
            + "error). Quotes only group words there: \"1\" is the number 1 for an integer type; for a char array "
            + "a quoted word is its text (\"eth0\") unless it starts with \" or [. Otherwise (maps "
            + "without BTF, the key of global data) it is raw: an integer (42, 0x2a, -1) for sizes of 1, 2, 4 "
            + "or 8 bytes, little-endian; or a quoted string, zero-padded to the size; text that starts with "
            + "'{' or '[' is refused there.";
}
