package dev.pinstripe.search;

import java.util.Objects;

/**
 * One {@code field:value} condition of a validated query.
 *
 * @param target the field or metadata key searched
 * @param type the target's type; metadata is always {@link FieldType#TOKEN}, as at Stripe
 * @param operator how the value is compared
 * @param value the value, already checked against {@code type}
 * @param negated whether the clause was written with a leading {@code -}
 */
public record Clause(Target target, FieldType type, Operator operator, SearchValue value, boolean negated) {

    public Clause {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(value, "value");
        // The parser never builds these; the checks keep hand-built clauses from reaching SQL.
        if (!type.supports(operator)) {
            throw new IllegalArgumentException(type + " does not support " + operator);
        }
        if (target instanceof Target.Metadata && type != FieldType.TOKEN) {
            throw new IllegalArgumentException("metadata is a TOKEN field");
        }
        boolean valueFitsType = switch (value) {
            case SearchValue.Null ignored -> operator == Operator.EXACT;
            case SearchValue.Numeric ignored -> type.isNumeric();
            case SearchValue.Text text -> !type.isNumeric()
                    && (type != FieldType.BOOLEAN || SearchValue.BOOLEANS.contains(text.value()));
        };
        if (!valueFitsType) {
            throw new IllegalArgumentException(value + " does not fit " + type + " with " + operator);
        }
    }

    /** The clause as written in a query, e.g. {@code -email:"a@b.com"}. */
    public String toQueryString() {
        return (negated ? "-" : "") + target.toQueryString() + operator.symbol() + value.toQueryString();
    }
}
