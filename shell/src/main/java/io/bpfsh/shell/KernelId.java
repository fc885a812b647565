package io.bpfsh.shell;

/**
 * A REF of the form {@code id:N}, {@code id:map:N} or {@code id:prog:N}. Maps and programs are
 * numbered separately by the kernel, so one number can name both; the kind settles which.
 *
 * @param kind which kind the REF names, or ANY for plain {@code id:N}
 * @param id   the kernel id, positive
 */
record KernelId(Kind kind, int id) {
    enum Kind { ANY, MAP, PROG }

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
        }
        try {
            int id = Integer.parseInt(rest);
            if (id > 0) {
                return new KernelId(kind, id);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CommandException(ref + ": an id is a positive number after id:, id:map: or id:prog:, e.g. id:42");
    }
}
