package io.bpfsh.shell;

import io.bpfsh.engine.AsciiDigits;

/**
 * A REF of the form {@code id:N}, {@code id:map:N}, {@code id:prog:N} or {@code id:link:N}. Maps,
 * programs and links are numbered separately by the kernel, so one number can name several; the kind
 * settles which.
 *
 * @param kind which kind the REF names, or ANY for plain {@code id:N}
 * @param id   the kernel id, positive
 */
record KernelId(Kind kind, int id) {
    enum Kind { ANY, MAP, PROG, LINK }

    /** Reads a REF that starts with "id:". */
    static KernelId parse(String ref) throws CommandException {
        String rest = ref.substring("id:".length());
        Kind kind = Kind.ANY;
        if (rest.startsWith("map:")) {
            kind = Kind.MAP;
            rest = rest.substring("map:".length());
        } else if (rest.startsWith("prog:")) {
            kind = Kind.PROG;
            rest = rest.substring("prog:".length());
        } else if (rest.startsWith("link:")) {
            kind = Kind.LINK;
            rest = rest.substring("link:".length());
        }
        long id = AsciiDigits.parseDecimal(rest, Integer.MAX_VALUE); // ASCII digits only, as every literal
        if (id > 0) {
            return new KernelId(kind, (int) id);
        }
        throw new CommandException(ref + ": an id is a positive number after id:, id:map: or id:prog:, e.g. id:42");
    }
}
