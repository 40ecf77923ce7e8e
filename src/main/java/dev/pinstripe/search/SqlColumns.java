package dev.pinstripe.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where each search field lives in SQL: a column or expression per field (which may be a path
 * into a jsonb column, or derived from several columns), and the jsonb column that holds
 * metadata. The expressions are trusted SQL written by Pinstripe's code, never by an API caller;
 * the caller's values only ever reach SQL as bound parameters.
 *
 * <pre>{@code
 * SqlColumns columns = SqlColumns.builder()
 *         .column("email", "email").column("name", "name").column("phone", "phone")
 *         .column("created", "created")
 *         .metadata("metadata")
 *         .build();
 * }</pre>
 */
public final class SqlColumns {

    private static final Pattern JSON_KEY = Pattern.compile("[A-Za-z0-9_]+");
    private static final Pattern COLUMN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    private final Map<String, String> columns;
    private final String metadata;

    private SqlColumns(Map<String, String> columns, String metadata) {
        this.columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        this.metadata = metadata;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The SQL expression for a field. Text and token fields must be text, numeric fields whole
     * numbers, and boolean fields boolean.
     */
    public Optional<String> column(String field) {
        return Optional.ofNullable(columns.get(field));
    }

    /** The SQL expression of the jsonb metadata column, if there is one. */
    public Optional<String> metadata() {
        return Optional.ofNullable(metadata);
    }

    public static final class Builder {
        private final Map<String, String> columns = new LinkedHashMap<>();
        private String metadata;

        private Builder() {}

        /**
         * A column, or an expression such as {@code CASE ... END} or {@code a + b}. Anything other
         * than a (possibly qualified) column name is parenthesised, so the translator can put
         * operators next to it without changing its meaning.
         */
        public Builder column(String field, String sqlExpression) {
            Objects.requireNonNull(field, "field");
            if (columns.putIfAbsent(field, parenthesised(checked(sqlExpression))) != null) {
                throw new IllegalArgumentException("column given twice for " + field);
            }
            return this;
        }

        /**
         * A field held inside a jsonb column, as text: {@code jsonText("card.last4", "details",
         * "payment_method_details", "last4")} gives {@code (details -> 'payment_method_details'
         * ->> 'last4')}. The result is NULL where any key on the path is absent or not an object,
         * and a JSON number or boolean becomes its text ({@code 12}, {@code true}), so it suits
         * token and text fields.
         *
         * @param keys the object keys from the column down to the value: letters, digits and
         *     underscores only, so they can be written into the SQL as literals
         */
        public Builder jsonText(String field, String jsonbExpression, String... keys) {
            Objects.requireNonNull(keys, "keys");
            if (keys.length == 0) {
                throw new IllegalArgumentException("no keys for the JSON path of " + field);
            }
            StringBuilder sql = new StringBuilder(parenthesised(checked(jsonbExpression)));
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] == null || !JSON_KEY.matcher(keys[i]).matches()) {
                    throw new IllegalArgumentException("not a usable JSON key: " + keys[i]);
                }
                sql.append(i == keys.length - 1 ? " ->> '" : " -> '").append(keys[i]).append('\'');
            }
            return column(field, sql.toString());
        }

        /**
         * A field Pinstripe has no data for, such as {@code payment_method_details.card_present.last4}
         * when there are no card-present payments: a query naming it is valid, as at Stripe, and
         * matches only with {@code field:null} (or when negated).
         */
        public Builder absent(String field, FieldType type) {
            Objects.requireNonNull(type, "type");
            String sqlType = switch (type) {
                case TEXT, TOKEN -> "text";
                case NUMBER, TIMESTAMP -> "bigint";
                case BOOLEAN -> "boolean";
            };
            return column(field, "CAST(NULL AS " + sqlType + ")");
        }

        /** The jsonb column holding metadata as a JSON object of strings. */
        public Builder metadata(String jsonbExpression) {
            metadata = parenthesised(checked(jsonbExpression));
            return this;
        }

        public SqlColumns build() {
            return new SqlColumns(columns, metadata);
        }

        private static String parenthesised(String sqlExpression) {
            return COLUMN_NAME.matcher(sqlExpression).matches() ? sqlExpression : "(" + sqlExpression + ")";
        }

        /**
         * Refuses characters that would be taken for placeholders ({@code ?} by JDBC, {@code :name}
         * by JDBI) or end the statement, so a mistyped expression fails at startup.
         */
        private static String checked(String sqlExpression) {
            Objects.requireNonNull(sqlExpression, "sqlExpression");
            if (sqlExpression.isBlank() || sqlExpression.chars().anyMatch(c -> c == '?' || c == ':' || c == ';')) {
                throw new IllegalArgumentException("not a usable SQL expression: " + sqlExpression);
            }
            return sqlExpression.strip();
        }
    }
}
