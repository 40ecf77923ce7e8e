package dev.pinstripe.radar.rules;

/**
 * The type of a payment attribute, which decides the operators and values a rule may use with it
 * (Stripe's rules reference, "Operators"). Stripe's country and state attributes are strings here.
 */
public enum AttributeType {
    /** Compared with {@code = != < > <= >=} and {@code IN} a list of numbers. */
    NUMBER,
    /** Compared with {@code = !=}, {@code IN} a list or a value list, {@code INCLUDES} and {@code LIKE}. */
    STRING,
    /** Used alone ({@code Review if :is_anonymous_ip:}) or compared with {@code true} or {@code false}. */
    BOOLEAN
}
