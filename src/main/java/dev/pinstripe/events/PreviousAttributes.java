package dev.pinstripe.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinstripe.api.Json;
import java.util.Iterator;
import java.util.Map;

/**
 * Stripe's {@code data.previous_attributes}: for each field that changed, its value before. Nested
 * objects (metadata, address, ...) list only their own changed fields; a field that did not exist
 * before shows as null; a field that was removed shows its old value. Lists are compared whole.
 */
public final class PreviousAttributes {
    private PreviousAttributes() {}

    public static ObjectNode between(ObjectNode before, ObjectNode after) {
        ObjectNode previous = Json.object();
        for (Iterator<Map.Entry<String, JsonNode>> it = before.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode now = after.get(field.getKey());
            JsonNode then = field.getValue();
            if (now == null) {
                previous.set(field.getKey(), then);
            } else if (then.isObject() && now.isObject() && !then.isEmpty() && !now.isEmpty()) {
                ObjectNode inner = between((ObjectNode) then, (ObjectNode) now);
                if (!inner.isEmpty()) {
                    previous.set(field.getKey(), inner);
                }
            } else if (!then.equals(now)) {
                previous.set(field.getKey(), then);
            }
        }
        for (Iterator<String> it = after.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!before.has(name)) {
                previous.set(name, NullNode.getInstance());
            }
        }
        return previous;
    }
}
