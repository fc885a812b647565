package io.bpfsh.engine.spec;

/**
 * Where a run of one section's instructions went in a linked program: the program's own code first, then each
 * .text function it calls, once each, in first-call order (as libbpf appends subprograms). Everything recorded
 * per section instruction (line info, CO-RE relocations) is moved into the program through these.
 *
 * @param section      the ELF section the instructions come from
 * @param sectionStart index of the first instruction in the section
 * @param linkedStart  index of the same instruction in the linked program
 * @param length       number of instructions
 */
public record LinkedPiece(String section, int sectionStart, int linkedStart, int length) {
    /** Whether section instruction {@code index} of {@code sectionName} is in this piece. */
    public boolean holds(String sectionName, long index) {
        return section.equals(sectionName) && index >= sectionStart && index < (long) sectionStart + length;
    }

    /** The linked index of a section instruction this piece {@link #holds}. */
    public int linked(long index) {
        return (int) (index - sectionStart + linkedStart);
    }
}
