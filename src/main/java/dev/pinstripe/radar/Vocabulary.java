package dev.pinstripe.radar;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of one categorical feature the model was trained on, coded by their position. A value
 * the model never saw is missing (NaN), which the trees handle as they learnt to.
 */
public final class Vocabulary {
    private final List<String> values;
    private final Map<String, Integer> codes = new HashMap<>();

    public Vocabulary(List<String> values) {
        this.values = List.copyOf(values);
        for (int i = 0; i < values.size(); i++) {
            codes.put(values.get(i), i);
        }
    }

    public List<String> values() {
        return values;
    }

    float code(String value) {
        Integer c = value == null ? null : codes.get(value);
        return c == null ? Float.NaN : c;
    }
}
