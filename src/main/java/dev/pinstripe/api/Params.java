package dev.pinstripe.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Typed, validating access to decoded request parameters. Every accessor marks its parameter as
 * read; {@link #rejectUnknown()} then reports the first parameter nobody read as Stripe's
 * {@code parameter_unknown}, at any depth ({@code address[foo]}).
 */
public final class Params {
    private final String prefix;
    private final Map<String, Object> values;
    private final Set<String> read = new LinkedHashSet<>();
    private final Map<String, Params> children = new LinkedHashMap<>();

    private Params(String prefix, Map<String, Object> values) {
        this.prefix = prefix;
        this.values = values;
    }

    public static Params of(Map<String, Object> tree) {
        return new Params("", tree);
    }

    /** The parameter's name as Stripe reports it in {@code param}: {@code shipping[address][city]}. */
    public String nameOf(String key) {
        return prefix.isEmpty() ? key : prefix + "[" + key + "]";
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** The raw tree, for fingerprinting a request. */
    public Map<String, Object> tree() {
        return values;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    // --- strings -------------------------------------------------------------------------------

    /** Absent, unset (empty string) or a value of at most {@code maxLength} characters. */
    public Patch<String> string(String key, int maxLength) {
        read.add(key);
        Object v = values.get(key);
        if (v == null) {
            return Patch.absent();
        }
        if (!(v instanceof String s)) {
            throw ApiErrors.invalidString(nameOf(key));
        }
        if (s.isEmpty()) {
            return Patch.unset();
        }
        if (s.codePointCount(0, s.length()) > maxLength) {
            throw ApiErrors.stringTooLong(nameOf(key), s, maxLength);
        }
        return Patch.set(s);
    }

    public String requiredString(String key, int maxLength) {
        Patch<String> p = string(key, maxLength);
        if (!(p instanceof Patch.Set<String> s)) {
            throw ApiErrors.parameterMissing(nameOf(key));
        }
        return s.value();
    }

    public Patch<String> enumValue(String key, Collection<String> allowed) {
        Patch<String> p = string(key, 5000);
        if (p instanceof Patch.Set<String> s && !allowed.contains(s.value())) {
            throw ApiErrors.invalidEnum(nameOf(key), s.value(), allowed);
        }
        return p;
    }

    // --- numbers and booleans ------------------------------------------------------------------

    public Patch<Long> integer(String key) {
        read.add(key);
        Object v = values.get(key);
        if (v == null) {
            return Patch.absent();
        }
        if (!(v instanceof String s)) {
            throw ApiErrors.invalidInteger(nameOf(key), describe(v));
        }
        if (s.isEmpty()) {
            return Patch.unset();
        }
        return Patch.set(parseLong(nameOf(key), s));
    }

    static long parseLong(String param, String s) {
        if (s.length() > 20 || !s.matches("-?[0-9]+")) {
            throw ApiErrors.invalidInteger(param, s);
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw ApiErrors.invalidInteger(param, s);
        }
    }

    public Patch<Boolean> bool(String key) {
        read.add(key);
        Object v = values.get(key);
        if (v == null) {
            return Patch.absent();
        }
        if (!(v instanceof String s)) {
            throw ApiErrors.invalidBoolean(nameOf(key), describe(v));
        }
        return switch (s) {
            case "" -> Patch.unset();
            case "true" -> Patch.set(true);
            case "false" -> Patch.set(false);
            default -> throw ApiErrors.invalidBoolean(nameOf(key), s);
        };
    }

    // --- nested ----------------------------------------------------------------------------------

    /** A nested hash; an empty string unsets it. */
    public Patch<Params> object(String key) {
        read.add(key);
        Object v = values.get(key);
        if (v == null) {
            return Patch.absent();
        }
        if (v instanceof String s) {
            if (s.isEmpty()) {
                return Patch.unset();
            }
            throw ApiErrors.invalidHash(nameOf(key));
        }
        if (!(v instanceof Map<?, ?>)) {
            throw ApiErrors.invalidHash(nameOf(key));
        }
        return Patch.set(child(key, asMap(v)));
    }

    /** An array of strings, sent as {@code k[]=a} or {@code k[0]=a}; an empty string unsets it. */
    public Patch<List<String>> stringList(String key, int itemMaxLength, int itemsMax) {
        return list(key, itemsMax).map(items -> {
            List<String> out = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                if (!(items.get(i) instanceof String s)) {
                    throw ApiErrors.invalidString(nameOf(key) + "[" + i + "]");
                }
                if (s.codePointCount(0, s.length()) > itemMaxLength) {
                    throw ApiErrors.stringTooLong(nameOf(key) + "[" + i + "]", s, itemMaxLength);
                }
                out.add(s);
            }
            return out;
        });
    }

    /**
     * An array of hashes, sent as {@code k[0][a]=..} or {@code k[][a]=..}; an empty string unsets it.
     * Each element is read through its own {@code Params}, named {@code k[i]} in errors.
     */
    public Patch<List<Params>> objectList(String key, int itemsMax) {
        return list(key, itemsMax).map(items -> {
            List<Params> out = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                if (!(items.get(i) instanceof Map<?, ?> m)) {
                    throw ApiErrors.invalidHash(nameOf(key) + "[" + i + "]");
                }
                Params element = new Params(nameOf(key) + "[" + i + "]", asMap(m));
                children.put(key + "[" + i + "]", element);
                out.add(element);
            }
            return out;
        });
    }

    /** The raw items of an array parameter, at most {@code itemsMax} of them. */
    private Patch<List<Object>> list(String key, int itemsMax) {
        read.add(key);
        Object v = values.get(key);
        if (v == null) {
            return Patch.absent();
        }
        if (v instanceof String s) {
            if (s.isEmpty()) {
                return Patch.unset();
            }
            throw ApiErrors.invalidArray(nameOf(key));
        }
        List<Object> items = asList(key, v);
        if (items.size() > itemsMax) {
            throw ApiErrors.invalidValue(nameOf(key), "Invalid array: " + nameOf(key) + " can have at most "
                    + itemsMax + " items, but you passed " + items.size() + ".");
        }
        return Patch.set(items);
    }

    /** The {@code expand} parameter every endpoint accepts. */
    public List<String> expand() {
        return stringList("expand", 5000, 100).orNull() instanceof List<String> l ? l : List.of();
    }

    /**
     * Metadata as an update: each key maps to its new value, or to null when the key is removed
     * ({@code metadata[k]=}). {@link Patch.Unset} means {@code metadata=}: remove every key.
     */
    public Patch<Map<String, String>> metadata() {
        String key = "metadata";
        read.add(key);
        Object v = values.get(key);
        if (v == null) {
            return Patch.absent();
        }
        if (v instanceof String s) {
            if (s.isEmpty()) {
                return Patch.unset();
            }
            throw ApiErrors.invalidHash(key);
        }
        if (!(v instanceof Map<?, ?> raw)) {
            throw ApiErrors.invalidHash(key);
        }
        Map<String, String> updates = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : raw.entrySet()) {
            String k = (String) e.getKey();
            if (!(e.getValue() instanceof String value)) {
                throw ApiErrors.metadataValueNotString(Json.compact(e.getValue()));
            }
            Metadata.checkEntry(k, value);
            updates.put(k, value.isEmpty() ? null : value);
        }
        return Patch.set(updates);
    }

    /** Fails with {@code parameter_unknown} naming the first parameter, at any depth, that was not read. */
    public void rejectUnknown() {
        for (String key : values.keySet()) {
            if (!read.contains(key)) {
                throw ApiErrors.parameterUnknown(nameOf(key));
            }
        }
        for (Params child : children.values()) {
            child.rejectUnknown();
        }
    }

    /** Rejects a parameter Stripe has but Pinstripe does not implement yet, with a clear message. */
    public void rejectNotSupported(String... keys) {
        for (String key : keys) {
            read.add(key);
            if (values.containsKey(key)) {
                throw ApiErrors.parameterNotSupported(nameOf(key));
            }
        }
    }

    private Params child(String key, Map<String, Object> map) {
        Params child = new Params(nameOf(key), map);
        children.put(key, child);
        return child;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object v) {
        return (Map<String, Object>) v;
    }

    /** A list, or a hash whose keys are all integers (Stripe's SDKs send arrays as {@code k[0]=}). */
    @SuppressWarnings("unchecked")
    private List<Object> asList(String key, Object v) {
        if (v instanceof List<?> l) {
            return (List<Object>) l;
        }
        Map<String, Object> map = asMap(v);
        TreeMap<Integer, Object> byIndex = new TreeMap<>();
        for (Map.Entry<String, Object> e : map.entrySet()) {
            String k = e.getKey();
            if (!k.matches("[0-9]{1,6}")) {
                throw ApiErrors.invalidArray(nameOf(key));
            }
            byIndex.put(Integer.parseInt(k), e.getValue());
        }
        return new ArrayList<>(byIndex.values());
    }

    private static String describe(Object v) {
        if (v instanceof Map<?, ?>) {
            return "hash";
        }
        if (v instanceof List<?>) {
            return "array";
        }
        return String.valueOf(v);
    }

    /** For diagnostics only. */
    @Override
    public String toString() {
        return "Params" + values.keySet();
    }

    /** Reads a required nested hash. */
    public Params requiredObject(String key) {
        Patch<Params> p = object(key);
        if (!(p instanceof Patch.Set<Params> s)) {
            throw ApiErrors.parameterMissing(nameOf(key));
        }
        return s.value();
    }

}
