package dev.pinstripe.search;

import java.util.Objects;
import java.util.Set;

/** The value of a clause, after it has been checked against the field's type. */
public sealed interface SearchValue {

    /** The values of a {@link FieldType#BOOLEAN} field, lower-cased, as {@link Text}. */
    Set<String> BOOLEANS = Set.of("true", "false");

    /** The value as written in a query: quoted text, a bare number, or {@code null}. */
    String toQueryString();

    /** Text for a text, token or boolean field, without its quotes and escapes. */
    record Text(String value) implements SearchValue {
        public Text {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toQueryString() {
            return QueryText.quote(value);
        }
    }

    /** A whole number for a number or timestamp field. */
    record Numeric(long value) implements SearchValue {
        @Override
        public String toQueryString() {
            return Long.toString(value);
        }
    }

    /** Stripe's {@code null} token: the field is empty, or the metadata key is absent. */
    record Null() implements SearchValue {
        @Override
        public String toQueryString() {
            return "null";
        }
    }
}
