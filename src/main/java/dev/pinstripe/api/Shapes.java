package dev.pinstripe.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stripe's object shapes as skeletons (src/main/resources/shapes/*.json): every field the current API
 * version returns, in Stripe's order, with a fresh object's defaults. A renderer starts from a copy
 * and sets what it knows, so no field is ever forgotten and the order never drifts.
 */
public final class Shapes {
    private static final Map<String, ObjectNode> SKELETONS = new ConcurrentHashMap<>();

    private Shapes() {}

    /** A fresh copy of the skeleton of {@code objectType} (e.g. "charge"). */
    public static ObjectNode of(String objectType) {
        return SKELETONS.computeIfAbsent(objectType, Shapes::load).deepCopy();
    }

    private static ObjectNode load(String objectType) {
        String resource = "/shapes/" + objectType + ".json";
        try (InputStream in = Shapes.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no shape " + resource);
            }
            return (ObjectNode) Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable shape " + resource, e);
        }
    }
}
