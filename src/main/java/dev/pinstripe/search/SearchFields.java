package dev.pinstripe.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The searchable fields of one resource, as Stripe lists them under "Query fields for ..." at
 * docs.stripe.com/search. For customers:
 *
 * <pre>{@code
 * SearchFields customers = SearchFields.builder("customers")
 *         .text("email").text("name").text("phone")
 *         .timestamp("created")
 *         .metadata()
 *         .build();
 * }</pre>
 */
public final class SearchFields {

    private static final Pattern RESOURCE = Pattern.compile("[a-z][a-z_]*");
    private static final Pattern FIELD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

    private final String resource;
    private final Map<String, FieldType> types;
    private final boolean metadata;

    private SearchFields(String resource, Map<String, FieldType> types, boolean metadata) {
        this.resource = resource;
        this.types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
        this.metadata = metadata;
    }

    /**
     * Starts the fields of a resource.
     *
     * @param resource the resource's name in Stripe's URLs and messages, e.g. {@code customers}
     *     or {@code payment_intents}
     */
    public static Builder builder(String resource) {
        Objects.requireNonNull(resource, "resource");
        if (!RESOURCE.matcher(resource).matches()) {
            throw new IllegalArgumentException("resource name must be lower case letters and underscores: " + resource);
        }
        return new Builder(resource);
    }

    public String resource() {
        return resource;
    }

    /** The names of the fields other than metadata, in the order they were declared. */
    public Set<String> names() {
        return types.keySet();
    }

    public Optional<FieldType> type(String field) {
        return Optional.ofNullable(types.get(field));
    }

    /** Whether {@code metadata["key"]} clauses are allowed. */
    public boolean hasMetadata() {
        return metadata;
    }

    public static final class Builder {
        private final String resource;
        private final Map<String, FieldType> types = new LinkedHashMap<>();
        private boolean metadata;

        private Builder(String resource) {
            this.resource = resource;
        }

        /** A Stripe "string" field: exact word-sequence match with {@code :}, substring with {@code ~}. */
        public Builder text(String name) {
            return field(name, FieldType.TEXT);
        }

        /** A Stripe "token" field: whole-value exact match with {@code :} only. */
        public Builder token(String name) {
            return field(name, FieldType.TOKEN);
        }

        /** A Stripe "numeric" field holding a whole number, such as {@code amount}. */
        public Builder number(String name) {
            return field(name, FieldType.NUMBER);
        }

        /** A Stripe "numeric" field holding unix seconds, such as {@code created}. */
        public Builder timestamp(String name) {
            return field(name, FieldType.TIMESTAMP);
        }

        /**
         * A token field that takes only {@code "true"} and {@code "false"}, such as a charge's
         * {@code disputed}; its column is a SQL boolean expression.
         */
        public Builder bool(String name) {
            return field(name, FieldType.BOOLEAN);
        }

        /** Allows {@code metadata["key"]} clauses, which Stripe types as tokens. */
        public Builder metadata() {
            metadata = true;
            return this;
        }

        public SearchFields build() {
            if (types.isEmpty() && !metadata) {
                throw new IllegalStateException("no searchable fields for " + resource);
            }
            return new SearchFields(resource, types, metadata);
        }

        private Builder field(String name, FieldType type) {
            Objects.requireNonNull(name, "name");
            if (!FIELD.matcher(name).matches()) {
                throw new IllegalArgumentException("not a field name: " + name);
            }
            if (name.equals("metadata")) {
                throw new IllegalArgumentException("declare metadata with metadata(), not as a field");
            }
            if (types.putIfAbsent(name, type) != null) {
                throw new IllegalArgumentException("field declared twice: " + name);
            }
            return this;
        }
    }
}
