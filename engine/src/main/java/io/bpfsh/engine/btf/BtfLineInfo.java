package io.bpfsh.engine.btf;

/**
 * One {@code bpf_line_info} record of {@code .BTF.ext}: the source line an instruction came from. The two string
 * offsets point into the object's .BTF string section, which the kernel receives unchanged.
 *
 * @param insnOffset     byte offset of the instruction in its ELF section (a multiple of 8)
 * @param fileNameOffset string offset of the source file name
 * @param lineOffset     string offset of the source line's text
 * @param lineCol        line number in the upper 22 bits, column in the lower 10, as stored
 */
public record BtfLineInfo(long insnOffset, int fileNameOffset, int lineOffset, int lineCol) {
    public int line() {
        return lineCol >>> 10;
    }

    public int column() {
        return lineCol & 0x3ff;
    }
}
