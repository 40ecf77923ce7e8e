package dev.pinstripe.search;

/** The operator between a clause's field and its value. */
public enum Operator {
    EXACT(":"),
    SUBSTRING("~"),
    GREATER_THAN(">"),
    GREATER_THAN_OR_EQUAL(">="),
    LESS_THAN("<"),
    LESS_THAN_OR_EQUAL("<=");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    /** The operator as written in a query, e.g. {@code >=}. */
    public String symbol() {
        return symbol;
    }
}
