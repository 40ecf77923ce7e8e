package dev.pinstripe.search;

/** How a query's clauses combine. Stripe allows one connective per query, never both. */
public enum Connective {
    AND,
    OR
}
