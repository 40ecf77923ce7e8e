package dev.pinstripe.radar.rules;

/**
 * What a rule can see of one payment. The Radar feature code implements it over the payment being
 * evaluated; {@link Rule#matches} calls it for each value the rule reads, so lookups should be cheap
 * (a map lookup, not a query).
 */
public interface RuleContext {

    /**
     * An attribute's value: a {@link Double}, {@link Long} or {@link Integer} for
     * {@link AttributeType#NUMBER}, a {@link String} for {@link AttributeType#STRING}, a
     * {@link Boolean} for {@link AttributeType#BOOLEAN}; {@code null} when unknown for this payment.
     * A value of another type is a programmer error: {@link Rule#matches} throws
     * {@link IllegalStateException}.
     */
    Object attribute(String name);

    /**
     * A metadata value of the payment ({@code ::key::}), {@code null} when absent. Keys are passed as
     * written between the double colons, so Stripe's {@code ::customer:Trusted::} and
     * {@code ::destination:Category::} arrive as {@code customer:Trusted} and
     * {@code destination:Category}: the metadata of the payment's customer or destination.
     */
    String metadata(String key);

    /** Whether value list {@code alias} contains {@code value} (the list decides matching rules, e.g. case-insensitivity). */
    boolean inList(String alias, String value);
}
