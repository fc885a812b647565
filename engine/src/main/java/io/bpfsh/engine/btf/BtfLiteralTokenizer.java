package io.bpfsh.engine.btf;

import io.bpfsh.engine.AsciiDigits;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits a value literal into tokens: {@code { } [ ] = ,}, numbers ({@code 7}, {@code -1}, {@code 0x1f},
 * {@code 1.5e3}, {@code -Infinity}), identifiers, and double-quoted strings with the escapes
 * {@code \" \\ \n \r \t \0 \xHH}. Columns in messages count from 1.
 */
final class BtfLiteralTokenizer {
    enum Kind { LBRACE, RBRACE, LBRACKET, RBRACKET, EQUALS, COMMA, NUMBER, IDENT, STRING, END }

    /** A token; {@code bytes} holds a string's UTF-8 encoding with escapes applied. */
    record Token(Kind kind, String text, byte[] bytes, int column) {
        /** How to name the token in a message. */
        String shown() {
            return kind == Kind.END ? "end of input" : "'" + text + "'";
        }
    }

    private final String input;
    private int pos;
    private Token peeked;

    BtfLiteralTokenizer(String input) {
        this.input = input;
    }

    Token peek() throws BtfValueException {
        if (peeked == null) peeked = scan();
        return peeked;
    }

    Token next() throws BtfValueException {
        Token t = peek();
        peeked = null;
        return t;
    }

    private Token scan() throws BtfValueException {
        while (pos < input.length() && Character.isWhitespace(input.charAt(pos))) pos++;
        int start = pos;
        if (pos >= input.length()) return new Token(Kind.END, "", null, start + 1);
        char c = input.charAt(pos);
        Kind punct = switch (c) {
            case '{' -> Kind.LBRACE;
            case '}' -> Kind.RBRACE;
            case '[' -> Kind.LBRACKET;
            case ']' -> Kind.RBRACKET;
            case '=' -> Kind.EQUALS;
            case ',' -> Kind.COMMA;
            default -> null;
        };
        if (punct != null) {
            pos++;
            return new Token(punct, String.valueOf(c), null, start + 1);
        }
        if (c == '"') return string(start);
        if (c == '-' || c == '+' || AsciiDigits.value(c, 10) >= 0) {
            pos++;
            while (pos < input.length() && numberPart(input.charAt(pos), input.charAt(pos - 1), start)) pos++;
            return new Token(Kind.NUMBER, input.substring(start, pos), null, start + 1);
        }
        if (c == '_' || Character.isLetter(c)) {
            while (pos < input.length() && (input.charAt(pos) == '_' || Character.isLetterOrDigit(input.charAt(pos)))) {
                pos++;
            }
            return new Token(Kind.IDENT, input.substring(start, pos), null, start + 1);
        }
        throw new BtfValueException("unexpected character '" + c + "' at column " + (start + 1));
    }

    /** Digits, hex digits, a fraction point, an exponent and its sign (not after a hex prefix, where e is a digit). */
    private boolean numberPart(char c, char previous, int start) {
        if (Character.isLetterOrDigit(c) || c == '.' || c == '_') return true;
        int digits = start + (input.charAt(start) == '-' || input.charAt(start) == '+' ? 1 : 0);
        boolean hex = input.regionMatches(true, digits, "0x", 0, 2);
        return (c == '-' || c == '+') && (previous == 'e' || previous == 'E') && !hex;
    }

    private Token string(int start) throws BtfValueException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        pos++;
        while (true) {
            if (pos >= input.length()) throw unterminated(start);
            char c = input.charAt(pos++);
            if (c == '"') break;
            if (c != '\\') {
                int end = Character.isHighSurrogate(c) && pos < input.length() ? pos + 1 : pos;
                bytes.writeBytes(input.substring(pos - 1, end).getBytes(StandardCharsets.UTF_8));
                pos = end;
                continue;
            }
            if (pos >= input.length()) throw unterminated(start);
            char e = input.charAt(pos++);
            switch (e) {
                case '"': case '\\': bytes.write(e); break;
                case 'n': bytes.write('\n'); break;
                case 'r': bytes.write('\r'); break;
                case 't': bytes.write('\t'); break;
                case '0': bytes.write(0); break;
                case 'x': {
                    if (pos + 2 > input.length() || AsciiDigits.value(input.charAt(pos), 16) < 0
                            || AsciiDigits.value(input.charAt(pos + 1), 16) < 0) {
                        throw new BtfValueException("\\x at column " + (pos - 1) + " needs two hex digits");
                    }
                    bytes.write(Integer.parseInt(input.substring(pos, pos + 2), 16));
                    pos += 2;
                    break;
                }
                default:
                    throw new BtfValueException("unknown escape \\" + e + " at column " + (pos - 1));
            }
        }
        return new Token(Kind.STRING, input.substring(start, pos), bytes.toByteArray(), start + 1);
    }

    private static BtfValueException unterminated(int start) {
        return new BtfValueException("unterminated string starting at column " + (start + 1));
    }
}
