package io.bpfsh.completions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** One split of SECTION[=VALUE] words, at the first '=', for load, close and completion. */
class SectionValueTest {
    @Test
    void splitsAtTheFirstEquals() {
        assertEquals(new SectionValue("maps/m", "ns1/a=b"), SectionValue.parse("maps/m=ns1/a=b"));
        assertEquals(new SectionValue("m", ""), SectionValue.parse("m="));
        assertEquals(new SectionValue("", "x"), SectionValue.parse("=x"));
        assertTrue(SectionValue.parse("m=").hasValue());
        assertFalse(SectionValue.parse("m").hasValue());
        assertEquals("m=x", SectionValue.parse("m=x").toString());
        assertEquals("m", new SectionValue.Converter().convert("m").toString());
    }

    @Test
    void theSectionKeyHasMapsInFrontOnce() {
        assertEquals("maps/m", SectionValue.parse("m=1").sectionKey());
        assertEquals("maps/m", SectionValue.parse("maps/m=1").sectionKey());
    }
}
