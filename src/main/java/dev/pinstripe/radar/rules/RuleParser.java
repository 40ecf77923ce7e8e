package dev.pinstripe.radar.rules;

import java.util.Objects;

/**
 * Parses and validates rules in Stripe's Radar rule language against an {@link AttributeCatalog}.
 * Stateless apart from the catalog, so one parser can serve every thread.
 *
 * <pre>{@code
 * RuleParser parser = new RuleParser(catalog);
 * Rule rule = parser.parse("Block if :card_country: IN ('CA', 'DE') and :amount_in_usd: > 500");
 * }</pre>
 *
 * The language, and where Pinstripe departs from Stripe, is described in docs/radar-rules.md.
 */
public final class RuleParser {

    /**
     * The longest rule accepted, checked before any parsing so that hostile input costs little.
     * Stripe publishes no limit; an IN list of every country fits well within it.
     */
    public static final int LENGTH_MAX_CHARS = 2_000;

    /** How deeply parentheses and NOTs may nest. */
    public static final int NESTING_DEPTH_MAX = PredicateParser.NESTING_DEPTH_MAX;

    private final AttributeCatalog catalog;

    public RuleParser(AttributeCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /**
     * Parses and validates (unknown attribute, type mismatch such as :amount_in_usd: = 'x', bad syntax, empty predicate).
     *
     * @throws RuleSyntaxException if the rule is malformed or doesn't fit the catalog; its message
     *     names the problem and its position, for the rule's author
     */
    public Rule parse(String source) throws RuleSyntaxException {
        Objects.requireNonNull(source, "source");
        if (source.length() > LENGTH_MAX_CHARS) {
            throw new RuleSyntaxException("The rule is " + source.length() + " characters long; the limit is "
                    + LENGTH_MAX_CHARS, LENGTH_MAX_CHARS);
        }
        ActionHeader header = ActionHeader.read(source);
        PredicateParser.Parsed parsed = PredicateParser.parse(Lexer.tokenize(source, header.conditionStart()), catalog);
        return new Rule(header.action(), source, source.substring(header.conditionStart()).strip(), parsed);
    }
}
