package io.bpfsh.shell.script;

import java.util.ArrayList;
import java.util.List;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * The JLine side of {@link Tokenizer}: the REPL splits words for completion and decides whether a
 * line is complete with the same rules as batch files. A trailing backslash asks for another line
 * (secondary prompt), and so does an unclosed quote, as in bash: the line break is then part of the
 * quoted word. (A batch file reports an unclosed quote as an error instead: a file has no one to type
 * the rest.)
 */
public final class ShellParser implements Parser {

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) throws EOFError {
        if (context == ParseContext.ACCEPT_LINE || context == ParseContext.SECONDARY_PROMPT) {
            Tokenizer.Result lenient = Tokenizer.splitLenient(line);
            if (lenient.continues()) {
                throw new EOFError(-1, -1, "the line continues (trailing backslash)", "continue");
            }
            if (lenient.openQuote() != 0) {
                throw new EOFError(-1, -1, "the quote (" + lenient.openQuote() + ") is not closed", "quote");
            }
        }
        return parsedLine(line, Math.max(0, Math.min(cursor, line.length())));
    }

    static ParsedWords parsedLine(String line, int cursor) {
        Tokenizer.Result r = Tokenizer.splitLenient(line);
        List<Token> tokens = new ArrayList<>(r.commandAt(cursor)); // after 'ls; ' a new command begins
        int index = -1;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (cursor >= t.start() && cursor <= t.end()) {
                index = i;
                break;
            }
        }
        if (index < 0) {
            // the cursor is between words or after the last: completion starts a new, empty word
            index = 0;
            while (index < tokens.size() && tokens.get(index).end() < cursor) {
                index++;
            }
            tokens.add(index, new Token("", false, cursor, cursor));
        }
        Token current = tokens.get(index);
        String typed = line.substring(current.start(), cursor);
        Tokenizer.Result prefix = Tokenizer.splitLenient(typed);
        int wordCursor = prefix.tokens().isEmpty() ? 0 : prefix.tokens().get(0).text().length();
        char quote = 0;
        if (!typed.isEmpty() && (typed.charAt(0) == '\'' || typed.charAt(0) == '"')) {
            quote = typed.charAt(0);
        }
        return new ParsedWords(line, cursor, tokens.stream().map(Token::text).toList(), index,
                Math.min(wordCursor, current.text().length()), cursor - current.start(),
                current.end() - current.start(), quote);
    }

    /** The words of a line as JLine's completion sees them. */
    record ParsedWords(String line, int cursor, List<String> words, int wordIndex, int wordCursor,
                       int rawWordCursor, int rawWordLength, char openingQuote) implements CompletingParsedLine {
        @Override
        public String word() {
            return words.get(wordIndex);
        }

        /** Quotes or escapes a candidate so that the tokenizer reads it back as the same word. */
        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            String c = candidate.toString();
            StringBuilder sb = new StringBuilder();
            if (openingQuote != 0) {
                sb.append(openingQuote);
                for (char ch : c.toCharArray()) {
                    if (openingQuote == '"' && (ch == '"' || ch == '\\')) {
                        sb.append('\\');
                    }
                    sb.append(ch);
                }
                if (complete) {
                    sb.append(openingQuote);
                }
                return sb;
            }
            for (char ch : c.toCharArray()) {
                if (ch == ' ' || ch == '\t' || ch == '\'' || ch == '"' || ch == '\\' || ch == '#') {
                    sb.append('\\');
                }
                sb.append(ch);
            }
            return sb;
        }
    }
}
