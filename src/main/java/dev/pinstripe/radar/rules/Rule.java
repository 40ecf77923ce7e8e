package dev.pinstripe.radar.rules;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A parsed and validated Radar rule, {@code {action} if {condition}}, made by {@link RuleParser}.
 * Immutable and safe to share between threads; {@link #matches} allocates nothing.
 */
public final class Rule {

    private final RuleAction action;
    private final String source;
    private final String predicate;
    private final Condition condition;
    private final Set<String> attributes;
    private final Set<String> listAliases;
    private final Set<String> metadataKeys;

    Rule(RuleAction action, String source, String predicate, PredicateParser.Parsed parsed) {
        this.action = action;
        this.source = source;
        this.predicate = predicate;
        this.condition = parsed.condition();
        this.attributes = frozen(parsed.attributes());
        this.listAliases = frozen(parsed.listAliases());
        this.metadataKeys = frozen(parsed.metadataKeys());
    }

    public RuleAction action() {
        return action;
    }

    /** The rule as written. */
    public String source() {
        return source;
    }

    /** The condition: the text after {@code if}, without surrounding whitespace. */
    public String predicate() {
        return predicate;
    }

    /** The attributes the rule reads, without colons, in order of first appearance. */
    public Set<String> attributes() {
        return attributes;
    }

    /** The value lists the rule reads, without {@code @}, in order of first appearance. */
    public Set<String> listAliases() {
        return listAliases;
    }

    /**
     * The metadata keys the rule reads, as written between the double colons (so
     * {@code customer:Trusted} for {@code ::customer:Trusted::}), in order of first appearance.
     */
    public Set<String> metadataKeys() {
        return metadataKeys;
    }

    /**
     * Whether the payment described by {@code ctx} meets the condition. A condition that depends on
     * a missing value doesn't match (see docs/radar-rules.md): missing values never throw.
     *
     * @throws IllegalStateException if {@code ctx} gives an attribute a value of the wrong type
     */
    public boolean matches(RuleContext ctx) {
        return condition.evaluate(ctx) == Truth.TRUE;
    }

    @Override
    public String toString() {
        return source;
    }

    private static Set<String> frozen(Set<String> names) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(names));
    }
}
