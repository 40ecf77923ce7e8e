package dev.pinstripe.search;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A parsed and validated search query in Stripe's search query language: one to
 * {@value #MAX_CLAUSES} clauses joined by a single connective.
 *
 * <pre>{@code
 * SearchQuery query = SearchQuery.parse("email~'rocketrides' AND created>1620310503", customerFields);
 * }</pre>
 */
public record SearchQuery(Connective connective, List<Clause> clauses) {

    /** The longest query accepted, checked before any parsing. Stripe publishes no limit. */
    public static final int MAX_QUERY_LENGTH_CHARS = 10_000;

    /** Stripe: "You can combine up to 10 query clauses in a search". */
    public static final int MAX_CLAUSES = 10;

    /** Stripe: substrings "must be a minimum of 3 characters". */
    public static final int MIN_SUBSTRING_LENGTH_CHARS = 3;

    public SearchQuery {
        Objects.requireNonNull(connective, "connective");
        clauses = List.copyOf(clauses);
        if (clauses.isEmpty() || clauses.size() > MAX_CLAUSES) {
            throw new IllegalArgumentException("a query has 1 to " + MAX_CLAUSES + " clauses, not " + clauses.size());
        }
    }

    /**
     * Parses {@code query} and validates it against the fields of the resource searched.
     *
     * @throws SearchQueryException if the query can't be parsed or doesn't fit {@code fields};
     *     its message is meant for the API caller
     */
    public static SearchQuery parse(String query, SearchFields fields) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(fields, "fields");
        return QueryValidator.validate(QueryParser.parse(query), fields);
    }

    /** The query in canonical form; parsing it again gives an equal query. */
    public String toQueryString() {
        return clauses.stream().map(Clause::toQueryString).collect(Collectors.joining(" " + connective + " "));
    }
}
