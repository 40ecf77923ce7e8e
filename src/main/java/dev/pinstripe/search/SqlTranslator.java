package dev.pinstripe.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * Translates a validated {@link SearchQuery} into a PostgreSQL boolean expression. Every value
 * from the query is a bound parameter; only the trusted expressions of {@link SqlColumns} and
 * fixed SQL reach the statement text.
 *
 * <p>How each clause matches, following docs.stripe.com/search:
 *
 * <ul>
 *   <li>text {@code :} ignores case and matches when the field holds the query's words in the
 *       same order ({@code name:"one two"} matches "Zero One Two Three"), words being separated
 *       by whitespace; a value without spaces, such as an email address, must match whole
 *   <li>text {@code ~} is a substring match ignoring case, with LIKE wildcards escaped
 *   <li>token and metadata {@code :} compare the whole value, ignoring case
 *   <li>boolean {@code :"true"} and {@code :"false"} compare a SQL boolean expression
 *   <li>{@code field:null} matches a NULL or empty field, or an absent metadata key
 *   <li>a negated clause matches every row the clause doesn't, including rows where the column
 *       is NULL, because SQL's {@code NOT} of NULL would drop them
 * </ul>
 *
 * <p>The SQL has no backslashes, {@code ::} casts or {@code ?} operators, so JDBI's parser and
 * the server's {@code standard_conforming_strings} setting can't change its meaning.
 */
public final class SqlTranslator {

    private static final Pattern BIND_NAME_PREFIX = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final SearchFields fields;
    private final SqlColumns columns;

    /**
     * @throws IllegalArgumentException if a field of {@code fields}, or metadata, has no column
     */
    public SqlTranslator(SearchFields fields, SqlColumns columns) {
        this.fields = Objects.requireNonNull(fields, "fields");
        this.columns = Objects.requireNonNull(columns, "columns");
        for (String field : fields.names()) {
            if (columns.column(field).isEmpty()) {
                throw new IllegalArgumentException("no SQL column for search field " + field);
            }
        }
        if (fields.hasMetadata() && columns.metadata().isEmpty()) {
            throw new IllegalArgumentException("no SQL column for metadata");
        }
    }

    /** Translates with JDBC's positional {@code ?} placeholders. */
    public SqlFragment translate(SearchQuery query) {
        return translate(query, new Binds(null));
    }

    /**
     * Translates with named placeholders {@code :prefix0}, {@code :prefix1}, ... for JDBI, whose
     * statements can't mix named and positional parameters.
     */
    public SqlFragment translate(SearchQuery query, String bindNamePrefix) {
        Objects.requireNonNull(bindNamePrefix, "bindNamePrefix");
        if (!BIND_NAME_PREFIX.matcher(bindNamePrefix).matches()) {
            throw new IllegalArgumentException("not a bind name prefix: " + bindNamePrefix);
        }
        return translate(query, new Binds(bindNamePrefix));
    }

    private SqlFragment translate(SearchQuery query, Binds binds) {
        Objects.requireNonNull(query, "query");
        StringJoiner sql = new StringJoiner(" " + query.connective() + " ", "(", ")");
        for (Clause clause : query.clauses()) {
            String predicate = predicate(clause, binds);
            sql.add(clause.negated() ? "((" + predicate + ") IS NOT TRUE)" : "(" + predicate + ")");
        }
        return binds.fragment(sql.toString());
    }

    // Each branch writes `column` exactly once and before the value's placeholder, so the
    // metadata key, bound inside `column`, precedes the value in positional order.
    private String predicate(Clause clause, Binds binds) {
        String column = column(clause, binds);
        return switch (clause.value()) {
            case SearchValue.Null ignored -> clause.type().isNumeric() || clause.type() == FieldType.BOOLEAN
                    ? column + " IS NULL" : "coalesce(" + column + ", '') = ''";
            case SearchValue.Numeric numeric ->
                column + " " + comparison(clause.operator()) + " CAST(" + binds.add(numeric.value()) + " AS bigint)";
            // "true" or "false", bound like any other value so the SQL depends only on the query's shape.
            case SearchValue.Text text when clause.type() == FieldType.BOOLEAN ->
                column + " = CAST(" + binds.add(text.value()) + " AS boolean)";
            case SearchValue.Text text -> switch (clause.operator()) {
                case SUBSTRING -> "lower(" + column + ") LIKE lower(" + textParameter(binds, "%" + escapeLike(text.value()) + "%") + ")";
                case EXACT -> clause.type() == FieldType.TEXT
                        ? "strpos(" + words(column) + ", " + words(textParameter(binds, text.value())) + ") > 0"
                        : "lower(" + column + ") = lower(" + textParameter(binds, text.value()) + ")";
                default -> throw new IllegalArgumentException("no SQL for " + clause);
            };
        };
    }

    private String column(Clause clause, Binds binds) {
        return switch (clause.target()) {
            case Target.Field field -> {
                if (fields.type(field.name()).orElse(null) != clause.type()) {
                    throw new IllegalArgumentException("field " + field.name() + " is not a " + clause.type()
                            + " field of " + fields.resource());
                }
                yield columns.column(field.name()).orElseThrow();
            }
            case Target.Metadata metadata -> {
                if (!fields.hasMetadata()) {
                    throw new IllegalArgumentException(fields.resource() + " has no metadata");
                }
                yield "(" + columns.metadata().orElseThrow() + " ->> " + textParameter(binds, metadata.key()) + ")";
            }
        };
    }

    /**
     * Lower-cases {@code text}, collapses whitespace to single spaces and pads it with a space at
     * each end, so that a word sequence is found with {@code strpos} only on word boundaries.
     * Both sides go through PostgreSQL's {@code lower}, so they agree on case folding.
     */
    private static String words(String text) {
        return "(' ' || btrim(regexp_replace(lower(" + text + "), '[[:space:]]+', ' ', 'g')) || ' ')";
    }

    private static String textParameter(Binds binds, String value) {
        return "CAST(" + binds.add(value) + " AS text)";
    }

    private static String comparison(Operator operator) {
        return switch (operator) {
            case EXACT -> "=";
            case GREATER_THAN -> ">";
            case GREATER_THAN_OR_EQUAL -> ">=";
            case LESS_THAN -> "<";
            case LESS_THAN_OR_EQUAL -> "<=";
            case SUBSTRING -> throw new IllegalArgumentException("no numeric comparison for ~");
        };
    }

    /** Escapes LIKE's wildcards with PostgreSQL's default escape character, the backslash. */
    static String escapeLike(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '%' || c == '_') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    private static final class Binds {
        private final String namePrefix;
        private final List<Object> values = new ArrayList<>();
        private final List<String> names = new ArrayList<>();

        Binds(String namePrefix) {
            this.namePrefix = namePrefix;
        }

        /** Records a value and returns its placeholder. */
        String add(Object value) {
            values.add(value);
            if (namePrefix == null) {
                return "?";
            }
            String name = namePrefix + (values.size() - 1);
            names.add(name);
            return ":" + name;
        }

        SqlFragment fragment(String sql) {
            return new SqlFragment(sql, values, names);
        }
    }
}
