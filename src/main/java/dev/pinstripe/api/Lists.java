package dev.pinstripe.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Function;

/** Stripe's list object: {@code {"object": "list", "data": [...], "has_more": ..., "url": ...}}. */
public final class Lists {
    private Lists() {}

    public static <T> ObjectNode render(Page<T> page, String url, Function<T, ObjectNode> renderItem) {
        ObjectNode list = Json.object();
        list.put("object", "list");
        ArrayNode data = list.putArray("data");
        page.items().forEach(item -> data.add(renderItem.apply(item)));
        list.put("has_more", page.hasMore());
        list.put("url", url);
        return list;
    }
}
