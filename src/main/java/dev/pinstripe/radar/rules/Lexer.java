package dev.pinstripe.radar.rules;

import dev.pinstripe.radar.rules.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a rule's condition into {@link Token}s, in one pass and in linear time. It knows the
 * punctuation of Stripe's rule language, not its grammar:
 *
 * <pre>
 * attribute = ":" name ":"                     name = [A-Za-z0-9_]+
 * metadata  = "::" [("customer" | "destination") ":"] key "::"   key = no ":" or control characters
 * list      = "@" [A-Za-z0-9_-]+
 * string    = "'" (escape | [^'\\])* "'"      escape = "\" any (stands for the character after it)
 * number    = ["-"] digits ["." digits]
 * word      = [A-Za-z_] [A-Za-z0-9_]*          keywords, in any case
 * symbols   = ( ) , = != &lt; &lt;= &gt; &gt;= ! &amp;&amp; ||
 * </pre>
 */
final class Lexer {

    /** Stripe's limit on metadata keys; a rule naming a longer key could never match. */
    static final int METADATA_KEY_LENGTH_MAX_CHARS = 40;

    private final String source;
    private int offset;
    private final List<Token> tokens = new ArrayList<>();

    private Lexer(String source, int from) {
        this.source = source;
        this.offset = from;
    }

    /** The tokens of {@code source} from offset {@code from}, ending with an {@link Kind#END} token. */
    static List<Token> tokenize(String source, int from) throws RuleSyntaxException {
        Lexer lexer = new Lexer(source, from);
        lexer.run();
        return lexer.tokens;
    }

    private void run() throws RuleSyntaxException {
        while (true) {
            while (offset < source.length() && Character.isWhitespace(source.charAt(offset))) {
                offset++;
            }
            if (offset == source.length()) {
                tokens.add(new Token(Kind.END, "", offset, ""));
                return;
            }
            int start = offset;
            char c = source.charAt(offset);
            char next = offset + 1 < source.length() ? source.charAt(offset + 1) : '\0';
            switch (c) {
                case '(' -> symbol(Kind.LEFT_PAREN, 1);
                case ')' -> symbol(Kind.RIGHT_PAREN, 1);
                case ',' -> symbol(Kind.COMMA, 1);
                case '=' -> {
                    if (next == '=') {
                        throw new RuleSyntaxException("Use '=' to compare values, not '=='", start);
                    }
                    symbol(Kind.COMPARISON, 1);
                }
                case '!' -> symbol(next == '=' ? Kind.COMPARISON : Kind.BANG, next == '=' ? 2 : 1);
                case '<', '>' -> symbol(Kind.COMPARISON, next == '=' ? 2 : 1);
                case '&' -> pair('&', next, Kind.AND_SYMBOL, "AND");
                case '|' -> pair('|', next, Kind.OR_SYMBOL, "OR");
                case ':' -> {
                    if (next == ':') {
                        metadata();
                    } else {
                        attribute();
                    }
                }
                case '@' -> list();
                case '\'' -> string();
                case '"' -> throw new RuleSyntaxException("Strings are written in single quotes, like 'US'", start);
                default -> {
                    if (isDigit(c) || (c == '-' && isDigit(next))) {
                        number();
                    } else if (isWordStart(c)) {
                        word();
                    } else {
                        throw new RuleSyntaxException("Unexpected character " + describeCharAt(start), start);
                    }
                }
            }
        }
    }

    private void symbol(Kind kind, int length) {
        add(kind, source.substring(offset, offset + length), offset + length);
    }

    private void pair(char c, char next, Kind kind, String keyword) throws RuleSyntaxException {
        if (next != c) {
            throw new RuleSyntaxException("Unexpected character '" + c + "'; write " + c + c + " or " + keyword, offset);
        }
        symbol(kind, 2);
    }

    private void attribute() throws RuleSyntaxException {
        int start = offset;
        int end = start + 1;
        while (end < source.length() && AttributeCatalog.isNameChar(source.charAt(end))) {
            end++;
        }
        if (end == start + 1 || end == source.length() || source.charAt(end) != ':') {
            throw new RuleSyntaxException("Expected an attribute name between colons, like :card_country:", start);
        }
        add(Kind.ATTRIBUTE, source.substring(start + 1, end), end + 1);
    }

    private void metadata() throws RuleSyntaxException {
        int start = offset;
        int close = source.indexOf("::", start + 2);
        if (close < 0) {
            throw new RuleSyntaxException("The metadata key has no closing '::'", start);
        }
        String key = source.substring(start + 2, close);
        int colon = key.indexOf(':');
        String name = key;
        if (colon >= 0) {
            String owner = key.substring(0, colon);
            if (!owner.equals("customer") && !owner.equals("destination")) {
                throw new RuleSyntaxException("A metadata key can't contain ':' except after customer or destination,"
                        + " as in ::customer:key::", start);
            }
            name = key.substring(colon + 1);
        }
        if (name.isEmpty()) {
            throw new RuleSyntaxException("The metadata key is empty", start);
        }
        if (name.length() > METADATA_KEY_LENGTH_MAX_CHARS) {
            throw new RuleSyntaxException("The metadata key is " + name.length() + " characters long; Stripe's limit is "
                    + METADATA_KEY_LENGTH_MAX_CHARS, start);
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) == ':' || Character.isISOControl(name.charAt(i))) {
                throw new RuleSyntaxException("The metadata key contains " + describeCharAt(start + 2 + (key.length()
                        - name.length()) + i), start);
            }
        }
        add(Kind.METADATA, key, close + 2);
    }

    private void list() throws RuleSyntaxException {
        int start = offset;
        int end = start + 1;
        while (end < source.length() && (AttributeCatalog.isNameChar(source.charAt(end)) || source.charAt(end) == '-')) {
            end++;
        }
        if (end == start + 1) {
            throw new RuleSyntaxException("Expected a list alias after '@', like @blocked_countries", start);
        }
        add(Kind.LIST, source.substring(start + 1, end), end);
    }

    private void string() throws RuleSyntaxException {
        int start = offset;
        StringBuilder text = new StringBuilder();
        int i = start + 1;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '\'') {
                add(Kind.STRING, text.toString(), i + 1);
                return;
            }
            if (c == '\\' && i + 1 < source.length()) {
                c = source.charAt(++i);
            }
            text.append(c);
            i++;
        }
        throw new RuleSyntaxException("Unterminated string: the quote has no closing quote", start);
    }

    private void number() throws RuleSyntaxException {
        int start = offset;
        int end = start + 1;
        while (end < source.length() && (AttributeCatalog.isNameChar(source.charAt(end)) || source.charAt(end) == '.')) {
            end++;
        }
        String written = source.substring(start, end);
        if (Double.isNaN(NumberText.parse(written))) {
            throw new RuleSyntaxException("Malformed number '" + Token.shorten(written) + "'; write numbers like 100"
                    + " or 1000.00", start);
        }
        add(Kind.NUMBER, written, end);
    }

    private void word() {
        int end = offset + 1;
        while (end < source.length() && AttributeCatalog.isNameChar(source.charAt(end))) {
            end++;
        }
        add(Kind.WORD, source.substring(offset, end), end);
    }

    private void add(Kind kind, String text, int end) {
        tokens.add(new Token(kind, text, offset, source.substring(offset, end)));
        offset = end;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private String describeCharAt(int at) {
        int codePoint = source.codePointAt(at);
        String unicode = String.format(Locale.ROOT, "U+%04X", codePoint);
        boolean printable = !Character.isISOControl(codePoint) && !Character.isWhitespace(codePoint)
                && Character.isDefined(codePoint) && Character.getType(codePoint) != Character.FORMAT
                && !Character.isSurrogate((char) codePoint);
        return printable ? "'" + Character.toString(codePoint) + "' (" + unicode + ")" : unicode;
    }
}
