package dev.pinstripe.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A boolean SQL expression, parenthesised so it can follow {@code WHERE ... AND}, and the
 * values bound to its placeholders, in order of appearance.
 *
 * @param sql the expression, with {@code ?} placeholders, or {@code :name} ones when
 *     {@code bindNames} is not empty
 * @param bindValues {@link String}s and {@link Long}s, one per placeholder
 * @param bindNames the placeholder names, parallel to {@code bindValues}, or empty for {@code ?}
 */
public record SqlFragment(String sql, List<Object> bindValues, List<String> bindNames) {

    public SqlFragment {
        Objects.requireNonNull(sql, "sql");
        bindValues = List.copyOf(bindValues);
        bindNames = List.copyOf(bindNames);
        if (!bindNames.isEmpty() && bindNames.size() != bindValues.size()) {
            throw new IllegalArgumentException("bindNames and bindValues differ in length");
        }
    }

    /** The values keyed by placeholder name, for JDBI's {@code bindMap}. */
    public Map<String, Object> namedBindValues() {
        if (bindNames.isEmpty() && !bindValues.isEmpty()) {
            throw new IllegalStateException("this fragment has positional (?) placeholders");
        }
        Map<String, Object> named = new LinkedHashMap<>();
        for (int i = 0; i < bindNames.size(); i++) {
            named.put(bindNames.get(i), bindValues.get(i));
        }
        return named;
    }
}
