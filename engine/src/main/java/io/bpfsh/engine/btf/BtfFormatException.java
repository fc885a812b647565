package io.bpfsh.engine.btf;

import io.bpfsh.engine.ControlCharacters;
import io.bpfsh.engine.EngineException;

/** The BTF bytes are malformed, or describe something this reader refuses (a reference loop, a size overflow). */
public class BtfFormatException extends EngineException {
    /** @param origin where the bytes came from, e.g. {@code "x.o: .BTF"}; @param detail what is wrong and why */
    public BtfFormatException(String origin, String detail) {
        super(oneLine(origin + ": " + detail));
    }

    /** Names in corrupt input may hold any byte; a message must stay one printable line. */
    static String oneLine(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (ControlCharacters.is(c)) out.append(String.format(c <= 0xff ? "\\x%02x" : "\\u%04x", c));
            else out.appendCodePoint(c);
        });
        return out.toString();
    }
}
