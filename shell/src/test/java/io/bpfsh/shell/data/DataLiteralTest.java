package io.bpfsh.shell.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.shell.CommandException;
import org.junit.jupiter.api.Test;

class DataLiteralTest {
    private static byte[] parse(String text, int size) throws CommandException {
        return DataLiteral.parse(new LiteralArg(text, false), size, "key");
    }

    private static String error(String text, boolean quoted, int size) {
        return assertThrows(CommandException.class,
                () -> DataLiteral.parse(new LiteralArg(text, quoted), size, "value")).getMessage();
    }

    private static byte[] b(int... v) {
        byte[] r = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = (byte) v[i];
        }
        return r;
    }

    @Test
    void integersAreLittleEndianInEachIntegerSize() throws Exception {
        assertArrayEquals(b(42), parse("42", 1));
        assertArrayEquals(b(0x34, 0x12), parse("0x1234", 2));
        assertArrayEquals(b(1, 0, 0, 0), parse("1", 4));
        assertArrayEquals(b(0xef, 0xbe, 0xad, 0xde, 0, 0, 0, 0), parse("0xDEADBEEF", 8));
        assertArrayEquals(b(7, 0, 0, 0), parse("007", 4)); // decimal, not octal
    }

    @Test
    void negativeNumbersAreTwosComplement() throws Exception {
        assertArrayEquals(b(0xff), parse("-1", 1));
        assertArrayEquals(b(0xff, 0xff, 0xff, 0xff), parse("-1", 4));
        assertArrayEquals(b(0x80), parse("-128", 1));
        assertArrayEquals(b(0xf0, 0xff), parse("-0x10", 2));
    }

    @Test
    void theFullUnsignedRangeFits() throws Exception {
        assertArrayEquals(b(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff), parse("18446744073709551615", 8));
        assertArrayEquals(b(0, 0, 0, 0, 0, 0, 0, 0x80), parse("-9223372036854775808", 8));
    }

    /** Issue 10.9: Java reads other scripts' digits ("٣" is 3); literals take ASCII digits only. */
    @Test
    void onlyAsciiDigitsAreDigits() {
        assertEquals("value 'hex:٣٣٣٣٣٣٣٣': '٣' is not a hex digit (the value is 4 bytes, 8 hex digits)",
                error("hex:٣٣٣٣٣٣٣٣", false, 4));
        for (String t : new String[] {"0x٣", "٣", "-٣", "1٣", "0x1٣", "１"}) { // Arabic-Indic three, fullwidth one
            assertEquals("value '" + t + "': not an integer, hex:BYTES or a quoted string (the value is 4 bytes)",
                    error(t, false, 4), t);
        }
    }

    @Test
    void outOfRangeNamesTheSizeAndRange() {
        assertEquals("value '256': out of range for a 1-byte value (-128..255)", error("256", false, 1));
        assertEquals("value '-129': out of range for a 1-byte value (-128..255)", error("-129", false, 1));
        assertEquals("value '0x100000000': out of range for a 4-byte value (-2147483648..4294967295)",
                error("0x100000000", false, 4));
    }

    @Test
    void anIntegerForAnOddSizeSaysHowToWriteIt() {
        assertEquals("value '5': an integer fits a value of 1, 2, 4 or 8 bytes, but this value is 16 bytes; "
                + "write it as hex:00000000... (32 hex digits) or as a quoted string", error("5", false, 16));
    }

    @Test
    void hexIsExactlyTheSize() throws Exception {
        assertArrayEquals(b(0x0a, 0x0b, 0x0c, 0x0d), parse("hex:0a0b0c0d", 4));
        assertArrayEquals(b(0x0a, 0x0b, 0x0c, 0x0d), DataLiteral.parse(new LiteralArg("hex:0a 0b 0C 0d", true), 4, "key"));
        assertArrayEquals(b(1, 2, 3), parse("HEX:010203", 3));
        assertEquals("value 'hex:0a0b': 2 bytes, but the value is 4 bytes (8 hex digits)", error("hex:0a0b", false, 4));
        assertEquals("value 'hex:0a0': odd number of hex digits (the value is 4 bytes, 8 hex digits)",
                error("hex:0a0", false, 4));
        assertEquals("value 'hex:0g000000': 'g' is not a hex digit (the value is 4 bytes, 8 hex digits)",
                error("hex:0g000000", false, 4));
    }

    @Test
    void quotedTextIsAZeroPaddedString() throws Exception {
        assertArrayEquals(b('e', 't', 'h', '0', 0, 0, 0, 0), DataLiteral.parse(new LiteralArg("eth0", true), 8, "key"));
        assertArrayEquals(b('1', 0, 0, 0), DataLiteral.parse(new LiteralArg("1", true), 4, "key"));
        assertArrayEquals(b(0, 0), DataLiteral.parse(new LiteralArg("", true), 2, "key"));
        assertEquals("value \"toolong\": 7 bytes of text, longer than the value (4 bytes)", error("toolong", true, 4));
    }

    @Test
    void anUnquotedWordIsNotAString() {
        assertEquals("value 'eth0': not an integer, hex:BYTES or a quoted string (the value is 8 bytes)",
                error("eth0", false, 8));
        assertEquals("value '1.5': not an integer, hex:BYTES or a quoted string (the value is 4 bytes)",
                error("1.5", false, 4));
        assertEquals("value '0x': not an integer, hex:BYTES or a quoted string (the value is 4 bytes)",
                error("0x", false, 4));
    }

    @Test
    void formatShowsIntegersAndHexTheLiteralReadsBack() throws Exception {
        assertEquals("4294967295", DataFormat.text(b(0xff, 0xff, 0xff, 0xff)));
        assertEquals("18446744073709551615", DataFormat.text(b(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff)));
        assertEquals("hex:0a0b0c", DataFormat.text(b(0x0a, 0x0b, 0x0c)));
        assertArrayEquals(b(0x0a, 0x0b, 0x0c), parse(DataFormat.text(b(0x0a, 0x0b, 0x0c)), 3));
    }

    @Test
    void typedLiteralsAreRefusedWhereNoTypeApplies() {
        // a struct literal on a map without BTF would otherwise be stored as the text's bytes
        assertEquals("value \"{pkts=5}\": a typed literal, but this value has no BTF type (write an integer, "
                + "hex:BYTES or a quoted string; the value is 16 bytes)", error("{pkts=5}", true, 16));
        assertEquals("value ' [1, 2]': a typed literal, but this value has no BTF type (write an integer, "
                + "hex:BYTES or a quoted string; the value is 8 bytes)", error(" [1, 2]", false, 8));
    }

    @Test
    void hexIsRecognisedInAnyCase() throws Exception {
        assertTrue(DataLiteral.isHex(new LiteralArg("HEX:01", false)));
        assertTrue(DataLiteral.isHex(new LiteralArg("hex:01", true)));
        assertFalse(DataLiteral.isHex(new LiteralArg("0x01", false)));
        assertArrayEquals(b(0x7b, 0), DataLiteral.parse(new LiteralArg("hex:7b00", true), 2, "value"), "'{' as bytes");
    }
}
