package dev.pinstripe.radar.rules;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** A payment for the tests: attributes, metadata and value lists in maps. Lists match exactly. */
final class TestPayment implements RuleContext {

    private final Map<String, Object> attributes = new HashMap<>();
    private final Map<String, String> metadata = new HashMap<>();
    private final Map<String, Set<String>> lists = new HashMap<>();

    static TestPayment payment() {
        return new TestPayment();
    }

    TestPayment with(String attribute, Object value) {
        attributes.put(attribute, value);
        return this;
    }

    TestPayment withMetadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    TestPayment withList(String alias, String... values) {
        lists.put(alias, Set.of(values));
        return this;
    }

    @Override
    public Object attribute(String name) {
        return attributes.get(name);
    }

    @Override
    public String metadata(String key) {
        return metadata.get(key);
    }

    @Override
    public boolean inList(String alias, String value) {
        return lists.getOrDefault(alias, Set.of()).contains(value);
    }
}
