package dev.pinstripe.radar.lists;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinstripe.api.Json;
import java.util.List;

/** Stripe's {@code radar.value_list} and {@code radar.value_list_item} objects. */
final class ValueListJson {
    static final String LIST_OBJECT = "radar.value_list";
    static final String ITEM_OBJECT = "radar.value_list_item";

    private ValueListJson() {}

    /** A list with its first items in {@code list_items}, as Stripe embeds them (with {@code total_count}). */
    static ObjectNode render(ValueList l, List<ValueListItem> firstItems) {
        ObjectNode o = Json.object(l.id(), LIST_OBJECT);
        o.put("alias", l.alias());
        o.put("created", l.created());
        o.put("created_by", l.createdBy());
        o.put("item_type", l.itemType().wire);
        ObjectNode items = o.putObject("list_items");
        items.put("object", "list");
        ArrayNode data = items.putArray("data");
        firstItems.forEach(item -> data.add(item(item)));
        items.put("has_more", l.itemCount() > firstItems.size());
        items.put("total_count", l.itemCount());
        items.put("url", "/v1/radar/value_list_items?value_list=" + l.id());
        o.put("livemode", l.livemode());
        o.set("metadata", Json.map(l.metadata()));
        o.put("name", l.name());
        return o;
    }

    static ObjectNode render(ValueListService.Shown shown) {
        return render(shown.list(), shown.firstItems());
    }

    static ObjectNode item(ValueListItem i) {
        ObjectNode o = Json.object(i.id(), ITEM_OBJECT);
        o.put("created", i.created());
        o.put("created_by", i.createdBy());
        o.put("livemode", i.livemode());
        o.put("value", i.value());
        o.put("value_list", i.valueList());
        return o;
    }

    static ObjectNode deleted(String id, String objectType) {
        ObjectNode o = Json.object(id, objectType);
        o.put("deleted", true);
        return o;
    }
}
