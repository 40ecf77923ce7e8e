package dev.pinstripe.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes {@code application/x-www-form-urlencoded} bodies and query strings with Stripe's bracket
 * nesting into a tree of {@code Map<String, Object>} (insertion-ordered), {@code List<Object>} and
 * {@code String} leaves.
 *
 * <ul>
 *   <li>{@code metadata[k]=v} nests a hash; {@code items[0][price]=p} nests a hash with key "0"
 *       ({@link Params} reads hashes with integer keys as arrays, as Stripe does);
 *   <li>{@code expand[]=a&expand[]=b} appends to an array; {@code items[][price]=a&items[][price]=b}
 *       starts a new hash when the last one already has the key (Rack's rule);
 *   <li>a repeated scalar keeps the last value; an empty value is kept as "" (it means "unset").
 * </ul>
 */
public final class FormDecoder {
    /** Most pairs one request may carry. */
    public static final int PAIRS_MAX = 10_000;
    /** Deepest nesting one key may have ({@code a[b][c]} has depth 3). */
    public static final int DEPTH_MAX = 10;
    /** Longest decoded key. */
    public static final int KEY_LENGTH_MAX = 1_000;

    private FormDecoder() {}

    public static Map<String, Object> decode(String encoded) {
        Map<String, Object> root = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return root;
        }
        int pairs = 0;
        int start = 0;
        while (start <= encoded.length()) {
            int end = encoded.indexOf('&', start);
            if (end < 0) {
                end = encoded.length();
            }
            if (end > start) {
                if (++pairs > PAIRS_MAX) {
                    throw ApiErrors.malformedBody("more than " + PAIRS_MAX + " parameters");
                }
                String pair = encoded.substring(start, end);
                int eq = pair.indexOf('=');
                String key = urlDecode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : urlDecode(pair.substring(eq + 1));
                if (!key.isEmpty()) {
                    put(root, key, value);
                }
            }
            start = end + 1;
        }
        return root;
    }

    private static String urlDecode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiErrors.malformedBody("invalid percent-encoding");
        }
    }

    /** Splits {@code a[b][]} into ["a", "b", ""]; a key with unbalanced brackets is taken literally. */
    static List<String> segments(String key) {
        List<String> segments = new ArrayList<>();
        int open = key.indexOf('[');
        if (open <= 0 || !key.endsWith("]")) {
            segments.add(key);
            return segments;
        }
        segments.add(key.substring(0, open));
        int i = open;
        while (i < key.length()) {
            if (key.charAt(i) != '[') {
                return List.of(key);
            }
            int close = key.indexOf(']', i);
            if (close < 0) {
                return List.of(key);
            }
            segments.add(key.substring(i + 1, close));
            i = close + 1;
        }
        return segments;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, String key, String value) {
        if (key.length() > KEY_LENGTH_MAX) {
            throw ApiErrors.malformedBody("a parameter name is longer than " + KEY_LENGTH_MAX + " characters");
        }
        if (key.indexOf('\0') >= 0) {
            throw ApiErrors.nulCharacter(key);
        }
        if (value.indexOf('\0') >= 0) {
            throw ApiErrors.nulCharacter(key);
        }
        List<String> segments = segments(key);
        if (segments.size() > DEPTH_MAX) {
            throw ApiErrors.malformedBody("parameter " + key + " is nested deeper than " + DEPTH_MAX + " levels");
        }
        Object container = root;
        StringBuilder path = new StringBuilder(segments.getFirst());
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            boolean last = i == segments.size() - 1;
            String nextSegment = last ? null : segments.get(i + 1);
            if (container instanceof Map<?, ?> m) {
                Map<String, Object> map = (Map<String, Object>) m;
                if (last) {
                    Object existing = map.get(segment);
                    if (existing != null && !(existing instanceof String)) {
                        throw ApiErrors.invalidValue(path.toString(), "Invalid value for " + path
                                + ": it was sent both as a nested parameter and as a plain value.");
                    }
                    map.put(segment, value);
                    return;
                }
                Object child = map.get(segment);
                if (child == null) {
                    child = nextSegment.isEmpty() ? new ArrayList<>() : new LinkedHashMap<String, Object>();
                    map.put(segment, child);
                } else if (child instanceof String) {
                    throw ApiErrors.invalidValue(path.toString(), "Invalid value for " + path
                            + ": it was sent both as a plain value and as a nested parameter.");
                } else if (nextSegment.isEmpty() != child instanceof List<?>) {
                    throw nextSegment.isEmpty() ? ApiErrors.invalidArray(path.toString())
                            : ApiErrors.invalidHash(path.toString());
                }
                container = child;
            } else {
                List<Object> list = (List<Object>) container;
                // segment is "" here: the previous segment chose a list.
                if (last) {
                    list.add(value);
                    return;
                }
                if (nextSegment.isEmpty()) {
                    throw ApiErrors.invalidArray(path.toString());
                }
                Object tail = list.isEmpty() ? null : list.getLast();
                if (tail instanceof Map<?, ?> tailMap && !tailMap.containsKey(nextSegment)) {
                    container = tail;
                } else {
                    Map<String, Object> fresh = new LinkedHashMap<>();
                    list.add(fresh);
                    container = fresh;
                }
            }
            if (i + 1 < segments.size()) {
                path.append('[').append(segments.get(i + 1)).append(']');
            }
        }
    }
}
