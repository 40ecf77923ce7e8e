package dev.pinstripe.radar.rules;

import dev.pinstripe.radar.rules.Token.Kind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A recursive-descent parser for a rule's condition. It checks every attribute against the
 * {@link AttributeCatalog} and every operator and value against the attribute's type as it goes,
 * so that each error can name the exact place, and it compiles what evaluation needs (patterns,
 * lists, case rules) into the {@link Condition} tree.
 *
 * <pre>
 * condition = or END
 * or        = and (("OR" | "||") and)*
 * and       = not (("AND" | "&amp;&amp;") not)*
 * not       = ("NOT" | "!") not | primary
 * primary   = "(" or ")" | "is_missing" "(" operand ")" | test
 * test      = operand                                      a boolean attribute alone
 *           | operand ("=" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=") value
 *           | operand ["NOT"] "IN" ("(" literal ("," literal)* ")" | list)
 *           | operand ("INCLUDES" | "LIKE") string
 * operand   = attribute | metadata
 * value     = literal | "true" | "false" | attribute | metadata
 * literal   = string | number
 * </pre>
 *
 * Keywords are in any case. NOT binds tighter than AND, and AND tighter than OR, as in Stripe's
 * reference. AND and OR chains become one node each, so only parentheses and NOT nest, and both
 * count towards {@link #NESTING_DEPTH_MAX}.
 */
final class PredicateParser {

    /** How deeply parentheses and NOTs may nest; bounds the parser's and the evaluator's recursion. */
    static final int NESTING_DEPTH_MAX = 32;

    /** What parsing a condition produces. The sets are in order of first appearance. */
    record Parsed(Condition condition, Set<String> attributes, Set<String> listAliases, Set<String> metadataKeys) {}

    private final List<Token> tokens;
    private final AttributeCatalog catalog;
    private final Set<String> attributes = new LinkedHashSet<>();
    private final Set<String> listAliases = new LinkedHashSet<>();
    private final Set<String> metadataKeys = new LinkedHashSet<>();
    private int next;
    private int depth;

    private PredicateParser(List<Token> tokens, AttributeCatalog catalog) {
        this.tokens = tokens;
        this.catalog = catalog;
    }

    /** Parses {@code tokens}, which end with an {@link Kind#END} token. */
    static Parsed parse(List<Token> tokens, AttributeCatalog catalog) throws RuleSyntaxException {
        PredicateParser parser = new PredicateParser(tokens, catalog);
        Condition condition = parser.or();
        Token rest = parser.peek();
        if (!rest.is(Kind.END)) {
            throw new RuleSyntaxException("Expected AND, OR or the end of the rule, found " + rest.describe(),
                    rest.position());
        }
        return new Parsed(condition, parser.attributes, parser.listAliases, parser.metadataKeys);
    }

    private Condition or() throws RuleSyntaxException {
        List<Condition> parts = new ArrayList<>();
        parts.add(and());
        while (peek().isWord("or") || peek().is(Kind.OR_SYMBOL)) {
            advance();
            parts.add(and());
        }
        return parts.size() == 1 ? parts.getFirst() : new Condition.Any(parts.toArray(Condition[]::new));
    }

    private Condition and() throws RuleSyntaxException {
        List<Condition> parts = new ArrayList<>();
        parts.add(not());
        while (peek().isWord("and") || peek().is(Kind.AND_SYMBOL)) {
            advance();
            parts.add(not());
        }
        return parts.size() == 1 ? parts.getFirst() : new Condition.All(parts.toArray(Condition[]::new));
    }

    private Condition not() throws RuleSyntaxException {
        Token token = peek();
        if (!token.isWord("not") && !token.is(Kind.BANG)) {
            return primary();
        }
        advance();
        enter(token);
        Condition inner = not();
        depth--;
        return new Condition.Not(inner);
    }

    private Condition primary() throws RuleSyntaxException {
        Token token = peek();
        if (token.is(Kind.LEFT_PAREN)) {
            advance();
            enter(token);
            Condition inner = or();
            Token close = peek();
            if (close.is(Kind.END)) {
                throw new RuleSyntaxException("Unclosed '(': expected ')' before the end of the rule", token.position());
            }
            if (!close.is(Kind.RIGHT_PAREN)) {
                throw new RuleSyntaxException("Expected AND, OR or ')' to close the '(' at position " + token.position()
                        + ", found " + close.describe(), close.position());
            }
            advance();
            depth--;
            return inner;
        }
        if (token.isWord("is_missing")) {
            advance();
            return isMissing(token);
        }
        if (token.is(Kind.ATTRIBUTE) || token.is(Kind.METADATA)) {
            return test();
        }
        if (token.is(Kind.END)) {
            String after = next == 0 ? "'if'" : tokens.get(next - 1).describe();
            throw new RuleSyntaxException("Expected a condition after " + after, token.position());
        }
        throw new RuleSyntaxException("Expected a condition (an attribute like :card_country:, metadata like ::key::,"
                + " is_missing, NOT or '('), found " + token.describe(), token.position());
    }

    private Condition isMissing(Token function) throws RuleSyntaxException {
        expect(Kind.LEFT_PAREN, "Expected '(' after is_missing");
        Token argument = peek();
        if (!argument.is(Kind.ATTRIBUTE) && !argument.is(Kind.METADATA)) {
            throw new RuleSyntaxException("is_missing takes an attribute or metadata, like is_missing(:email_domain:),"
                    + " not " + argument.describe(), argument.position());
        }
        advance();
        Value operand = operand(argument);
        expect(Kind.RIGHT_PAREN, "Expected ')' to close is_missing( at position " + function.position());
        return new Condition.IsMissing(operand);
    }

    private Condition test() throws RuleSyntaxException {
        Value left = operand(advance());
        Token token = peek();
        if (token.is(Kind.COMPARISON)) {
            advance();
            return comparison(left, token);
        }
        if (token.isWord("in")) {
            advance();
            return membership(left, token);
        }
        if (token.isWord("not")) {
            advance();
            Token in = peek();
            if (!in.isWord("in")) {
                throw new RuleSyntaxException("Expected IN after NOT, found " + in.describe(), in.position());
            }
            advance();
            return new Condition.Not(membership(left, in));
        }
        if (token.isWord("includes") || token.isWord("like")) {
            advance();
            return match(left, token);
        }
        if (left instanceof Value.Attribute attribute && attribute.type() == AttributeType.BOOLEAN) {
            return new Condition.IsTrue(attribute);
        }
        throw new RuleSyntaxException(left.written() + " is " + kindOf(left) + " and needs an operator and a value,"
                + " like " + left.written() + " = 'value'", token.position());
    }

    private Condition comparison(Value left, Token operatorToken) throws RuleSyntaxException {
        ComparisonOperator operator = operator(operatorToken);
        if (operator.orders() && isAttribute(left, AttributeType.STRING)) {
            throw new RuleSyntaxException(left.written() + " is a string: only =, !=, IN, INCLUDES and LIKE apply to it,"
                    + " not '" + operator.symbol() + "'", operatorToken.position());
        }
        if (operator.orders() && isAttribute(left, AttributeType.BOOLEAN)) {
            throw new RuleSyntaxException(left.written() + " is a boolean: use it alone, or compare it with = or !="
                    + " and true or false, not '" + operator.symbol() + "'", operatorToken.position());
        }
        Token valueToken = advance();
        if (valueToken.isWord("true") || valueToken.isWord("false")) {
            if (!(left instanceof Value.Attribute attribute) || attribute.type() != AttributeType.BOOLEAN) {
                throw mismatch(left, valueToken);
            }
            Condition isTrue = new Condition.IsTrue(attribute);
            boolean matchesTrue = valueToken.isWord("true") == (operator == ComparisonOperator.EQUAL);
            return matchesTrue ? isTrue : new Condition.Not(isTrue);
        }
        Value right = value(valueToken, operatorToken);
        if (isAttribute(left, AttributeType.BOOLEAN) || isAttribute(right, AttributeType.BOOLEAN)) {
            throw mismatch(left, valueToken);
        }
        boolean leftNumber = isNumeric(left);
        boolean rightNumber = isNumeric(right);
        if ((leftNumber && isTextual(right)) || (rightNumber && isTextual(left))) {
            throw mismatch(left, valueToken);
        }
        boolean bothMetadata = left instanceof Value.Metadata && right instanceof Value.Metadata;
        if (leftNumber || rightNumber || (bothMetadata && operator.orders())) {
            return new Condition.CompareNumbers(left, operator, right);
        }
        if (operator.orders()) {
            // Metadata ordered against text: Stripe orders only numbers.
            throw new RuleSyntaxException(left.written() + " compared with '" + operator.symbol() + "' needs a number,"
                    + " not " + valueToken.describe(), valueToken.position());
        }
        return new Condition.CompareTexts(left, operator == ComparisonOperator.EQUAL, right,
                ignoresCase(left) && ignoresCase(right));
    }

    private Condition membership(Value left, Token in) throws RuleSyntaxException {
        if (isAttribute(left, AttributeType.BOOLEAN)) {
            throw new RuleSyntaxException(left.written() + " is a boolean and can't be IN a list", in.position());
        }
        Token token = advance();
        if (token.is(Kind.LIST)) {
            if (isAttribute(left, AttributeType.NUMBER)) {
                throw new RuleSyntaxException(left.written() + " is a number, and value lists hold strings",
                        token.position());
            }
            listAliases.add(token.text());
            return new Condition.InList(left, token.text());
        }
        if (!token.is(Kind.LEFT_PAREN)) {
            throw new RuleSyntaxException("Expected a list after IN, like ('US', 'CA') or @alias, found "
                    + token.describe(), token.position());
        }
        List<Token> items = literals(token);
        boolean numbers = items.getFirst().is(Kind.NUMBER);
        for (Token item : items) {
            if (item.is(Kind.NUMBER) != numbers) {
                throw new RuleSyntaxException("The list mixes strings and numbers", item.position());
            }
            if (numbers ? isAttribute(left, AttributeType.STRING) : isAttribute(left, AttributeType.NUMBER)) {
                throw mismatch(left, item);
            }
        }
        if (numbers) {
            double[] options = new double[items.size()];
            for (int i = 0; i < options.length; i++) {
                options[i] = NumberText.parse(items.get(i).text());
            }
            return new Condition.InNumbers(left, options);
        }
        String[] options = items.stream().map(Token::text).toArray(String[]::new);
        return new Condition.InTexts(left, options, ignoresCase(left));
    }

    /** The strings or numbers of {@code ('a', 'b')}, after its opening parenthesis {@code open}. */
    private List<Token> literals(Token open) throws RuleSyntaxException {
        if (peek().is(Kind.RIGHT_PAREN)) {
            throw new RuleSyntaxException("The list after IN is empty", open.position());
        }
        List<Token> items = new ArrayList<>();
        while (true) {
            Token item = advance();
            if (!item.is(Kind.STRING) && !item.is(Kind.NUMBER)) {
                throw new RuleSyntaxException("Expected a string or a number in the list, found " + item.describe(),
                        item.position());
            }
            items.add(item);
            Token separator = advance();
            if (separator.is(Kind.RIGHT_PAREN)) {
                return items;
            }
            if (separator.is(Kind.END)) {
                throw new RuleSyntaxException("Unclosed '(': the list has no ')'", open.position());
            }
            if (!separator.is(Kind.COMMA)) {
                throw new RuleSyntaxException("Expected ',' or ')' in the list, found " + separator.describe(),
                        separator.position());
            }
        }
    }

    private Condition match(Value left, Token keyword) throws RuleSyntaxException {
        String name = keyword.text().toUpperCase(Locale.ROOT);
        if (isAttribute(left, AttributeType.NUMBER) || isAttribute(left, AttributeType.BOOLEAN)) {
            throw new RuleSyntaxException(left.written() + " is " + kindOf(left) + ": " + name + " applies only to"
                    + " strings and metadata", keyword.position());
        }
        Token text = advance();
        if (!text.is(Kind.STRING)) {
            throw new RuleSyntaxException("Expected a string in single quotes after " + name + ", found "
                    + text.describe(), text.position());
        }
        boolean ignoreCase = ignoresCase(left);
        return new Condition.Matches(left, name.equals("LIKE")
                ? TextPattern.like(text.text(), ignoreCase)
                : TextPattern.includes(text.text(), ignoreCase));
    }

    private Value operand(Token token) throws RuleSyntaxException {
        if (token.is(Kind.METADATA)) {
            metadataKeys.add(token.text());
            return new Value.Metadata(token.text());
        }
        String name = token.text();
        AttributeType type = catalog.type(name).orElse(null);
        if (type == null) {
            throw new RuleSyntaxException("Unknown attribute " + Token.shorten(token.written()), token.position());
        }
        attributes.add(name);
        return new Value.Attribute(name, type, catalog.ignoresCase(name));
    }

    /** The value after a comparison operator: a literal, an attribute or metadata. */
    private Value value(Token token, Token operatorToken) throws RuleSyntaxException {
        return switch (token.kind()) {
            case STRING -> new Value.TextLiteral(token.text());
            case NUMBER -> new Value.NumberLiteral(NumberText.parse(token.text()), token.written());
            case ATTRIBUTE, METADATA -> operand(token);
            case WORD -> throw new RuleSyntaxException("Expected a value after '" + operatorToken.text() + "', found "
                    + token.describe() + "; write text in single quotes, like 'US'", token.position());
            case END -> throw new RuleSyntaxException("Expected a value after '" + operatorToken.text() + "'",
                    token.position());
            default -> throw new RuleSyntaxException("Expected a value after '" + operatorToken.text() + "', found "
                    + token.describe(), token.position());
        };
    }

    private static ComparisonOperator operator(Token token) {
        for (ComparisonOperator operator : ComparisonOperator.values()) {
            if (operator.symbol().equals(token.text())) {
                return operator;
            }
        }
        throw new IllegalStateException("The lexer made a comparison of " + token.text());
    }

    private RuleSyntaxException mismatch(Value left, Token valueToken) {
        String value = switch (valueToken.kind()) {
            case NUMBER -> "the number " + valueToken.describe();
            case ATTRIBUTE -> valueToken.describe() + catalog.type(valueToken.text())
                    .map(type -> ", a " + type.name().toLowerCase(Locale.ROOT)).orElse("");
            default -> valueToken.describe();
        };
        String hint = isAttribute(left, AttributeType.BOOLEAN)
                ? "; use it alone, like " + left.written() + ", or compare it with true or false"
                : "";
        return new RuleSyntaxException(left.written() + " is " + kindOf(left) + " and can't be compared with " + value
                + hint, valueToken.position());
    }

    private static String kindOf(Value value) {
        return switch (value) {
            case Value.Attribute attribute -> "a " + attribute.type().name().toLowerCase(Locale.ROOT);
            case Value.Metadata ignored -> "metadata";
            case Value.TextLiteral ignored -> "a string";
            case Value.NumberLiteral ignored -> "a number";
        };
    }

    private static boolean isAttribute(Value value, AttributeType type) {
        return value instanceof Value.Attribute attribute && attribute.type() == type;
    }

    private static boolean isNumeric(Value value) {
        return value instanceof Value.NumberLiteral || isAttribute(value, AttributeType.NUMBER);
    }

    private static boolean isTextual(Value value) {
        return value instanceof Value.TextLiteral || isAttribute(value, AttributeType.STRING);
    }

    /**
     * Whether a string comparison may ignore case on this side: literals adapt to the other side,
     * attributes follow the catalog, and metadata is case-sensitive (Stripe's reference).
     */
    private static boolean ignoresCase(Value value) {
        return switch (value) {
            case Value.Attribute attribute -> attribute.ignoresCase();
            case Value.Metadata ignored -> false;
            case Value.TextLiteral ignored -> true;
            case Value.NumberLiteral ignored -> true;
        };
    }

    private void enter(Token token) throws RuleSyntaxException {
        if (++depth > NESTING_DEPTH_MAX) {
            throw new RuleSyntaxException("The condition nests parentheses and NOTs more than " + NESTING_DEPTH_MAX
                    + " levels deep", token.position());
        }
    }

    private void expect(Kind kind, String problem) throws RuleSyntaxException {
        Token token = advance();
        if (!token.is(kind)) {
            throw new RuleSyntaxException(problem + ", found " + token.describe(), token.position());
        }
    }

    private Token peek() {
        return tokens.get(next);
    }

    /** Returns the next token and moves past it; the END token is never passed. */
    private Token advance() {
        Token token = tokens.get(next);
        if (!token.is(Kind.END)) {
            next++;
        }
        return token;
    }
}
