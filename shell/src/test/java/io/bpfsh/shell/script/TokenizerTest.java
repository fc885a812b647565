package io.bpfsh.shell.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {
    private static List<String> words(String s) throws SyntaxException {
        return Tokenizer.split(s).words();
    }

    @Test
    void splitsOnSpacesAndTabs() throws Exception {
        assertEquals(List.of("update", "m", "1", "2"), words("  update\tm 1   2 "));
        assertEquals(List.of(), words(""));
        assertEquals(List.of(), words("   \t"));
    }

    @Test
    void singleQuotesAreLiteral() throws Exception {
        assertEquals(List.of("a b", "c\\d", "#x"), words("'a b' 'c\\d' '#x'"));
    }

    @Test
    void doubleQuotesEscapeOnlyQuoteAndBackslash() throws Exception {
        assertEquals(List.of("say \"hi\"", "a\\b", "c\\nd"), words("\"say \\\"hi\\\"\" \"a\\\\b\" \"c\\nd\""));
    }

    @Test
    void adjacentPartsFormOneWord() throws Exception {
        Tokenizer.Result r = Tokenizer.split("a\"b c\"d 'x'y plain");
        assertEquals(List.of("ab cd", "xy", "plain"), r.words());
        assertTrue(r.tokens().get(0).quoted());
        assertTrue(r.tokens().get(1).quoted());
        assertFalse(r.tokens().get(2).quoted());
    }

    @Test
    void quotedEmptyStringIsAWord() throws Exception {
        Tokenizer.Result r = Tokenizer.split("update m 1 \"\"");
        assertEquals(List.of("update", "m", "1", ""), r.words());
        assertTrue(r.tokens().get(3).quoted());
    }

    @Test
    void hashStartsACommentOnlyOutsideQuotes() throws Exception {
        assertEquals(List.of("ls", "-l"), words("ls -l # list the root"));
        assertEquals(List.of("ls"), words("ls#comment"));
        assertEquals(List.of("get", "a#b", "c # d"), words("get \"a#b\" 'c # d' # real comment"));
        assertEquals(List.of(), words("# only a comment"));
        assertEquals(List.of("x#y"), words("x\\#y"));
    }

    @Test
    void backslashOutsideQuotesTakesTheNextCharacter() throws Exception {
        assertEquals(List.of("a b", "c"), words("a\\ b c"));
    }

    @Test
    void trailingBackslashContinues() throws Exception {
        Tokenizer.Result r = Tokenizer.split("update m 1 \\");
        assertTrue(r.continues());
        assertEquals(List.of("update", "m", "1"), r.words());
        Tokenizer.Result joined = Tokenizer.split("update m 1 \\\n   2 --exist");
        assertFalse(joined.continues());
        assertEquals(List.of("update", "m", "1", "2", "--exist"), joined.words());
    }

    @Test
    void backslashInACommentDoesNotContinue() throws Exception {
        assertFalse(Tokenizer.split("ls # see below \\").continues());
    }

    @Test
    void unterminatedQuoteIsAnErrorThatSaysWhere() {
        SyntaxException e = assertThrows(SyntaxException.class, () -> Tokenizer.split("get \"abc"));
        assertEquals("unterminated double quote (\") at column 5 of: get \"abc", e.getMessage());
        SyntaxException e2 = assertThrows(SyntaxException.class, () -> Tokenizer.split("ls \\\nget 'x"));
        assertEquals(1, e2.lineOffset());
        assertTrue(e2.getMessage().contains("single quote"), e2.getMessage());
        assertTrue(e2.getMessage().contains("column 5"), e2.getMessage());
    }

    @Test
    void lenientSplitKeepsAnOpenQuote() {
        Tokenizer.Result r = Tokenizer.splitLenient("get \"ns1/my di");
        assertEquals(List.of("get", "ns1/my di"), r.words());
        assertEquals('"', r.openQuote());
    }

    @Test
    void tokensKnowTheirRawPositions() throws Exception {
        List<Token> t = Tokenizer.split("ab  'c d' e").tokens();
        assertEquals(0, t.get(0).start());
        assertEquals(2, t.get(0).end());
        assertEquals(4, t.get(1).start());
        assertEquals(9, t.get(1).end());
        assertEquals(10, t.get(2).start());
    }

    @Test
    void semicolonsOutsideQuotesSeparateCommands() throws Exception {
        Tokenizer.Result r = Tokenizer.split("ls -R; maps;;progs g ';' \\; a\";\"b # c; d");
        assertEquals(List.of(List.of("ls", "-R"), List.of("maps"), List.of("progs", "g", ";", ";", "a;b")),
                r.commands().stream().map(c -> c.stream().map(Token::text).toList()).toList());
        assertEquals(List.of(List.of("x")), Tokenizer.split("x;").commands().stream()
                .map(c -> c.stream().map(Token::text).toList()).toList());
        assertEquals(List.of(), Tokenizer.split(" ; ").commands());
    }
}
