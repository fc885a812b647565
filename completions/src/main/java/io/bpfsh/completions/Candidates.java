package io.bpfsh.completions;

import org.jline.reader.Candidate;

/** The shapes of candidate bpfsh offers. */
final class Candidates {
    private Candidates() {
    }

    /** A whole argument: JLine appends a space after it. */
    static Candidate complete(String value, String display, String description) {
        return new Candidate(value, display, null, description, null, null, true);
    }

    /** The start of an argument (a directory, "MODULE:", "SECTION="): the cursor stays in the word. */
    static Candidate partial(String value, String display, String description) {
        return new Candidate(value, display, null, description, null, null, false);
    }

    /**
     * A whole argument listed in the order of a number ({@code id:9} before {@code id:10}): JLine
     * sorts candidates by their sort key before their value.
     */
    static Candidate numbered(String value, int order, String description) {
        return new Candidate(value, value, null, description, null, null, true, order);
    }
}
