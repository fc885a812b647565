package io.bpfsh.completions;

import io.bpfsh.engine.spec.MapSpec;
import picocli.CommandLine.ITypeConverter;

/**
 * A {@code SECTION=VALUE} or {@code SECTION} word (load's --pin-path and --max-entries, close's
 * --unpin), split at its first '=' by one rule for the shell and for completion. {@code value} is
 * null when there is no '='. Whether a value is required, and what it must be, is the command's.
 */
public record SectionValue(String section, String value) {

    /** Splits at the first '=': "maps/m=ns/p" is (maps/m, ns/p), "m" is (m, null), "=x" is ("", x). */
    public static SectionValue parse(String word) {
        int eq = word.indexOf('=');
        return eq < 0 ? new SectionValue(word, null) : new SectionValue(word.substring(0, eq), word.substring(eq + 1));
    }

    public boolean hasValue() {
        return value != null;
    }

    /** The map's section key: "maps/NAME" from "maps/NAME" or "NAME", as the engine's SectionParams take it. */
    public String sectionKey() {
        return section.startsWith("maps/") ? section : MapSpec.keyOf(section);
    }

    /** As typed. */
    @Override
    public String toString() {
        return value == null ? section : section + "=" + value;
    }

    /** picocli's converter for {@code SECTION[=VALUE]} options; it never fails, the command judges. */
    public static final class Converter implements ITypeConverter<SectionValue> {
        @Override
        public SectionValue convert(String word) {
            return parse(word);
        }
    }
}
