package dev.pinstripe.api;

import java.util.Map;
import java.util.TreeMap;

/** Stripe's metadata rules: at most 50 keys, keys up to 40 characters, values up to 500. */
public final class Metadata {
    public static final int KEYS_MAX = 50;
    public static final int KEY_LENGTH_MAX = 40;
    public static final int VALUE_LENGTH_MAX = 500;

    private Metadata() {}

    static void checkEntry(String key, String value) {
        if (key.isEmpty()) {
            throw ApiErrors.metadataKeyInvalid(key, "must not be empty");
        }
        if (key.codePointCount(0, key.length()) > KEY_LENGTH_MAX) {
            throw ApiErrors.metadataKeyInvalid(key, "must be a string under " + KEY_LENGTH_MAX + " characters");
        }
        if (key.indexOf('[') >= 0 || key.indexOf(']') >= 0) {
            throw ApiErrors.metadataKeyInvalid(key, "must not contain square brackets");
        }
        if (value.codePointCount(0, value.length()) > VALUE_LENGTH_MAX) {
            throw ApiErrors.metadataValueTooLong(value);
        }
    }

    /**
     * Applies an update from {@link Params#metadata()} to the current metadata and checks the key
     * count of the result. Sorted keys, as Stripe returns them.
     */
    public static Map<String, String> apply(Map<String, String> current, Patch<Map<String, String>> update) {
        Map<String, String> result = new TreeMap<>();
        switch (update) {
            case Patch.Absent<Map<String, String>> a -> result.putAll(current);
            case Patch.Unset<Map<String, String>> u -> { }
            case Patch.Set<Map<String, String>> s -> {
                result.putAll(current);
                for (Map.Entry<String, String> e : s.value().entrySet()) {
                    if (e.getValue() == null) {
                        result.remove(e.getKey());
                    } else {
                        result.put(e.getKey(), e.getValue());
                    }
                }
            }
        }
        if (result.size() > KEYS_MAX) {
            throw ApiErrors.metadataTooManyKeys(result.size());
        }
        return result;
    }
}
