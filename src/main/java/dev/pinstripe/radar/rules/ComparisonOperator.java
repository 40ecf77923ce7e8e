package dev.pinstripe.radar.rules;

/** The operators between two values: {@code = != < > <= >=}. */
enum ComparisonOperator {
    EQUAL("="),
    NOT_EQUAL("!="),
    LESS("<"),
    LESS_OR_EQUAL("<="),
    GREATER(">"),
    GREATER_OR_EQUAL(">=");

    private final String symbol;

    ComparisonOperator(String symbol) {
        this.symbol = symbol;
    }

    String symbol() {
        return symbol;
    }

    /** Whether only numbers can be ordered with it; strings and booleans take just {@code =} and {@code !=}. */
    boolean orders() {
        return this != EQUAL && this != NOT_EQUAL;
    }

    /**
     * Applies the operator to two numbers, neither NaN. Primitive comparisons, not
     * {@link Double#compare}, so that {@code -0.0 = 0} holds.
     */
    boolean holds(double left, double right) {
        return switch (this) {
            case EQUAL -> left == right;
            case NOT_EQUAL -> left != right;
            case LESS -> left < right;
            case LESS_OR_EQUAL -> left <= right;
            case GREATER -> left > right;
            case GREATER_OR_EQUAL -> left >= right;
        };
    }
}
