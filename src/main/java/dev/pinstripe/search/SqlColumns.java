package dev.pinstripe.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where each search field lives in SQL: a column or expression per field, and the jsonb column
 * that holds metadata. The expressions are trusted SQL written by Pinstripe's code, never by an
 * API caller; the caller's values only ever reach SQL as bound parameters.
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

    private final Map<String, String> columns;
    private final String metadata;

    private SqlColumns(Map<String, String> columns, String metadata) {
        this.columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        this.metadata = metadata;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The SQL expression for a field. Text fields must be text; numeric fields hold whole numbers. */
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

        public Builder column(String field, String sqlExpression) {
            Objects.requireNonNull(field, "field");
            if (columns.putIfAbsent(field, checked(sqlExpression)) != null) {
                throw new IllegalArgumentException("column given twice for " + field);
            }
            return this;
        }

        /** The jsonb column holding metadata as a JSON object of strings. */
        public Builder metadata(String jsonbExpression) {
            metadata = checked(jsonbExpression);
            return this;
        }

        public SqlColumns build() {
            return new SqlColumns(columns, metadata);
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
