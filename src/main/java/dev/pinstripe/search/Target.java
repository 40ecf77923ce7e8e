package dev.pinstripe.search;

import java.util.Objects;

/** What a clause searches: a named field, or one key of the object's metadata. */
public sealed interface Target {

    /** The target as written in a query, e.g. {@code email} or {@code metadata["order"]}. */
    String toQueryString();

    /** A field such as {@code email} or {@code payment_method_details.card.last4}. */
    record Field(String name) implements Target {
        public Field {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String toQueryString() {
            return name;
        }
    }

    /** A metadata key, written {@code metadata["key"]} or {@code metadata['key']}. */
    record Metadata(String key) implements Target {
        public Metadata {
            Objects.requireNonNull(key, "key");
            if (key.isEmpty()) {
                throw new IllegalArgumentException("metadata key is empty");
            }
        }

        @Override
        public String toQueryString() {
            return "metadata[" + QueryText.quote(key) + "]";
        }
    }
}
