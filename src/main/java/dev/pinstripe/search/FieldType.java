package dev.pinstripe.search;

import static dev.pinstripe.search.Operator.EXACT;
import static dev.pinstripe.search.Operator.GREATER_THAN;
import static dev.pinstripe.search.Operator.GREATER_THAN_OR_EQUAL;
import static dev.pinstripe.search.Operator.LESS_THAN;
import static dev.pinstripe.search.Operator.LESS_THAN_OR_EQUAL;
import static dev.pinstripe.search.Operator.SUBSTRING;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The type of a searchable field, which decides the operators it takes and how values match.
 * Stripe documents three types (token, string, numeric); numbers and timestamps are both
 * Stripe's "numeric" and differ only in what the column holds, and booleans are Stripe tokens
 * restricted to {@code "true"} and {@code "false"}.
 */
public enum FieldType {
    /**
     * Stripe's "string" type: {@code :} matches, ignoring case, when the field holds all the
     * query's words in the same order; {@code ~} is a case-insensitive substring match.
     */
    TEXT(EnumSet.of(EXACT, SUBSTRING)),
    /** Stripe's "token" type: {@code :} only, a whole-value match ignoring case. */
    TOKEN(EnumSet.of(EXACT)),
    /** Stripe's "numeric" type for counts and amounts: a whole number. */
    NUMBER(EnumSet.of(EXACT, GREATER_THAN, GREATER_THAN_OR_EQUAL, LESS_THAN, LESS_THAN_OR_EQUAL)),
    /** Stripe's "numeric" type for times such as {@code created}: unix seconds. */
    TIMESTAMP(EnumSet.of(EXACT, GREATER_THAN, GREATER_THAN_OR_EQUAL, LESS_THAN, LESS_THAN_OR_EQUAL)),
    /**
     * A token that "accepts only the tokens true and false", as Stripe says of a charge's
     * {@code disputed} and {@code refunded}: {@code :} only, with {@code "true"}, {@code "false"}
     * (in any case) or {@code null}. The column is a SQL boolean expression, which may be NULL.
     */
    BOOLEAN(EnumSet.of(EXACT));

    private final Set<Operator> operators;

    FieldType(Set<Operator> operators) {
        this.operators = Collections.unmodifiableSet(operators);
    }

    public Set<Operator> operators() {
        return operators;
    }

    public boolean supports(Operator operator) {
        return operators.contains(operator);
    }

    public boolean isNumeric() {
        return this == NUMBER || this == TIMESTAMP;
    }
}
