package dev.pinstripe.search;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A recursive-descent parser for the syntax of Stripe's search query language. It knows nothing
 * of fields or types; {@link QueryValidator} gives the clauses their meaning.
 *
 * <pre>
 * query     = ws* clause (separator clause)* ws*
 * separator = ws+ | ws+ ("AND" | "OR") ws+          (keywords in any case)
 * clause    = ["-"] target operator value           (no whitespace inside a clause)
 * target    = "metadata[" quoted "]" | name ("." name)*
 * name      = [A-Za-z_] [A-Za-z0-9_]*
 * operator  = ":" | "~" | ">=" | "<=" | ">" | "<"
 * value     = quoted | bare
 * quoted    = '"' (escape | [^"\\])* '"' | "'" (escape | [^'\\])* "'"
 * escape    = "\" any                                (stands for the character after it)
 * bare      = "null" (any case) | ["-"] [0-9]+
 * </pre>
 */
final class QueryParser {

    /** A value as written: quoted text or a bare word. Its meaning depends on the field. */
    sealed interface RawValue {
        String text();

        record Quoted(String text) implements RawValue {}

        record Bare(String text) implements RawValue {
            boolean isNull() {
                return text.equalsIgnoreCase("null");
            }
        }
    }

    /** A clause as written, before its field's type gives the value a meaning. */
    record ParsedClause(boolean negated, Target target, Operator operator, RawValue value) {}

    record ParsedQuery(Connective connective, List<ParsedClause> clauses) {}

    private enum Separator {
        WHITESPACE,
        AND,
        OR
    }

    static final String PARSE_ERROR = "We were unable to parse your search query.";

    // Stripe's own hint, as its API returns it for a query it can't parse.
    private static final String FORMAT_HINT = "Try using the format `metadata[\"key\"]:\"value\"` to query for"
            + " metadata or key:\"value\" to query for other fields.";

    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]*\\.[0-9]+|-?[0-9]+\\.[0-9]*");

    private final String input;
    private int offset;

    private QueryParser(String input) {
        this.input = input;
    }

    static ParsedQuery parse(String query) {
        if (query.length() > SearchQuery.MAX_QUERY_LENGTH_CHARS) {
            throw error("The query is " + query.length() + " characters long; the limit is "
                    + SearchQuery.MAX_QUERY_LENGTH_CHARS + ".");
        }
        rejectUnstorableCharacters(query);
        return new QueryParser(query).query();
    }

    /**
     * PostgreSQL can't hold U+0000 in text, and a lone surrogate can't be encoded as UTF-8; either
     * would fail in the database after parsing, so both are refused here.
     */
    private static void rejectUnstorableCharacters(String query) {
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            boolean loneHigh = Character.isHighSurrogate(c)
                    && (i + 1 == query.length() || !Character.isLowSurrogate(query.charAt(i + 1)));
            boolean loneLow = Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(query.charAt(i - 1)));
            if (c == '\0' || loneHigh || loneLow) {
                throw error(String.format(Locale.ROOT, "The query contains a character that isn't allowed (U+%04X) at character %d.",
                        (int) c, i + 1));
            }
        }
    }

    private ParsedQuery query() {
        skipWhitespace();
        if (atEnd()) {
            throw error("The query is empty.");
        }
        List<ParsedClause> clauses = new ArrayList<>();
        Set<Separator> separators = EnumSet.noneOf(Separator.class);
        clauses.add(clause());
        while (true) {
            int clauseEnd = offset;
            skipWhitespace();
            if (atEnd()) {
                break;
            }
            if (offset == clauseEnd) {
                throw syntaxError("Expected whitespace after the clause ending at character " + offset + ", found "
                        + describeCharAt(offset) + ".");
            }
            Separator separator = separator();
            separators.add(separator);
            if (separators.contains(Separator.OR) && separators.size() > 1) {
                throw error("You can't combine AND and OR in the same query.");
            }
            if (clauses.size() == SearchQuery.MAX_CLAUSES) {
                throw error("You can combine up to " + SearchQuery.MAX_CLAUSES + " query clauses in a search.");
            }
            clauses.add(clause());
        }
        Connective connective = separators.contains(Separator.OR) ? Connective.OR : Connective.AND;
        return new ParsedQuery(connective, List.copyOf(clauses));
    }

    /** Reads an AND or OR keyword and the whitespace after it, if one is next. */
    private Separator separator() {
        for (Separator keyword : List.of(Separator.AND, Separator.OR)) {
            int keywordStart = offset;
            if (keywordAt(offset, keyword.name())) {
                offset += keyword.name().length();
                skipWhitespace();
                if (atEnd()) {
                    throw error("The query ends with " + keyword + " at character " + (keywordStart + 1)
                            + "; a clause must follow it.");
                }
                return keyword;
            }
        }
        return Separator.WHITESPACE;
    }

    /** Whether {@code keyword}, in any case, stands alone at {@code at}: followed by whitespace or the end. */
    private boolean keywordAt(int at, String keyword) {
        int end = at + keyword.length();
        if (end > input.length()) {
            return false;
        }
        for (int i = 0; i < keyword.length(); i++) {
            char c = input.charAt(at + i);
            if (c >= 128 || Character.toUpperCase(c) != keyword.charAt(i)) {
                return false;
            }
        }
        return end == input.length() || Character.isWhitespace(input.charAt(end));
    }

    private ParsedClause clause() {
        for (String keyword : List.of("AND", "OR")) {
            if (keywordAt(offset, keyword)) {
                throw error("Expected a clause at character " + (offset + 1) + ", found " + keyword + ".");
            }
        }
        boolean negated = peekIs('-');
        if (negated) {
            offset++;
        }
        Target target = target();
        Operator operator = operator(target);
        RawValue value = value(target, operator);
        return new ParsedClause(negated, target, operator, value);
    }

    private Target target() {
        if (atEnd() || !isNameStart(input.charAt(offset))) {
            throw syntaxError("Expected a field name at character " + (offset + 1) + ", found " + describeCharAt(offset)
                    + ".");
        }
        int start = offset;
        name();
        while (peekIs('.')) {
            offset++;
            if (atEnd() || !isNameStart(input.charAt(offset))) {
                throw syntaxError("Expected a field name after `.` at character " + (offset + 1) + ", found "
                        + describeCharAt(offset) + ".");
            }
            name();
        }
        String name = input.substring(start, offset);
        if (!name.equals("metadata") || !peekIs('[')) {
            return new Target.Field(name);
        }
        offset++;
        if (!peekIs('"') && !peekIs('\'')) {
            throw syntaxError("Expected a quoted key after `metadata[` at character " + (offset + 1) + ", found "
                    + describeCharAt(offset) + ".");
        }
        int keyStart = offset;
        String key = quoted();
        if (!peekIs(']')) {
            throw syntaxError("Expected `]` after the metadata key at character " + (offset + 1) + ", found "
                    + describeCharAt(offset) + ".");
        }
        offset++;
        if (key.isEmpty()) {
            throw error("The metadata key at character " + (keyStart + 1) + " is empty.");
        }
        return new Target.Metadata(key);
    }

    private void name() {
        offset++;
        while (!atEnd() && isNamePart(input.charAt(offset))) {
            offset++;
        }
    }

    private Operator operator(Target target) {
        String after = " after " + QueryText.code(target.toQueryString());
        if (atEnd()) {
            throw syntaxError("Expected an operator (:, ~, >, <, >= or <=)" + after + " at the end of the query.");
        }
        char c = input.charAt(offset);
        boolean orEqual = offset + 1 < input.length() && input.charAt(offset + 1) == '=';
        Operator operator = switch (c) {
            case ':' -> Operator.EXACT;
            case '~' -> Operator.SUBSTRING;
            case '>' -> orEqual ? Operator.GREATER_THAN_OR_EQUAL : Operator.GREATER_THAN;
            case '<' -> orEqual ? Operator.LESS_THAN_OR_EQUAL : Operator.LESS_THAN;
            case '=' -> throw syntaxError("`=` at character " + (offset + 1)
                    + " is not an operator; use `:` for an exact match.");
            default -> throw syntaxError("Expected an operator (:, ~, >, <, >= or <=)" + after + " at character "
                    + (offset + 1) + ", found " + describeCharAt(offset) + ".");
        };
        offset += operator.symbol().length();
        return operator;
    }

    private RawValue value(Target target, Operator operator) {
        String clauseSoFar = QueryText.code(target.toQueryString() + operator.symbol());
        if (atEnd() || Character.isWhitespace(input.charAt(offset))) {
            throw syntaxError("Expected a value after " + clauseSoFar + " at character " + (offset + 1) + ".");
        }
        if (peekIs('"') || peekIs('\'')) {
            return new RawValue.Quoted(quoted());
        }
        int start = offset;
        while (!atEnd() && !Character.isWhitespace(input.charAt(offset))) {
            offset++;
        }
        RawValue.Bare bare = new RawValue.Bare(input.substring(start, offset));
        if (bare.isNull() || INTEGER.matcher(bare.text()).matches()) {
            return bare;
        }
        if (DECIMAL.matcher(bare.text()).matches()) {
            throw error("The number after " + clauseSoFar + " at character " + (start + 1)
                    + " has a fraction; only whole numbers are supported.");
        }
        throw syntaxError("The value after " + clauseSoFar + " at character " + (start + 1)
                + " must be quoted: only numbers and null may be written without quotes.");
    }

    /** Reads a quoted string at {@code offset}, returning its text without quotes or escapes. */
    private String quoted() {
        int start = offset;
        char quote = input.charAt(offset++);
        StringBuilder text = new StringBuilder();
        while (!atEnd()) {
            char c = input.charAt(offset);
            if (c == quote) {
                offset++;
                return text.toString();
            }
            if (c == '\\') {
                if (offset + 1 == input.length()) {
                    break;
                }
                c = input.charAt(++offset);
            }
            text.append(c);
            offset++;
        }
        throw syntaxError("The quoted string starting at character " + (start + 1) + " has no closing " + quote + ".");
    }

    private void skipWhitespace() {
        while (!atEnd() && Character.isWhitespace(input.charAt(offset))) {
            offset++;
        }
    }

    private boolean atEnd() {
        return offset >= input.length();
    }

    private boolean peekIs(char c) {
        return !atEnd() && input.charAt(offset) == c;
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }

    private String describeCharAt(int at) {
        if (at >= input.length()) {
            return "the end of the query";
        }
        int codePoint = input.codePointAt(at);
        String unicode = String.format(Locale.ROOT, "U+%04X", codePoint);
        boolean printable = !Character.isISOControl(codePoint) && !Character.isWhitespace(codePoint)
                && Character.isDefined(codePoint) && Character.getType(codePoint) != Character.FORMAT;
        return printable ? "`" + Character.toString(codePoint) + "` (" + unicode + ")" : unicode;
    }

    private static SearchQueryException error(String detail) {
        return new SearchQueryException(PARSE_ERROR + " " + detail);
    }

    private static SearchQueryException syntaxError(String detail) {
        return new SearchQueryException(PARSE_ERROR + " " + detail + " " + FORMAT_HINT);
    }
}
