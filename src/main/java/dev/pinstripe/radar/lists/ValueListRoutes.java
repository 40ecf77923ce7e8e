package dev.pinstripe.radar.lists;

import dev.pinstripe.api.ApiErrors;
import dev.pinstripe.api.ApiRequest;
import dev.pinstripe.api.ApiResponse;
import dev.pinstripe.api.ApiRouter;
import dev.pinstripe.api.Expansions;
import dev.pinstripe.api.ListRequest;
import dev.pinstripe.api.Lists;
import dev.pinstripe.api.Params;
import dev.pinstripe.api.Patch;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code /v1/radar/value_lists} (create, retrieve, update, delete, list) and
 * {@code /v1/radar/value_list_items} (create, retrieve, delete, list).
 */
public final class ValueListRoutes {
    /** Stripe's limits on the parameters, from its API reference. */
    static final int ALIAS_LENGTH_MAX = 100;
    static final int NAME_LENGTH_MAX = 100;
    static final int ID_LENGTH_MAX = 5000;
    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9_]+");

    private final ValueListService service;

    public ValueListRoutes(ValueListService service) {
        this.service = service;
    }

    public void register(ApiRouter router, Expansions expansions) {
        // list_items is always rendered; Stripe lists it as expandable, so expanding it is accepted
        // and changes nothing.
        expansions.includable(ValueListJson.LIST_OBJECT, "list_items", "list", (h, scope, l) -> l.get("list_items"))
                .loader("rsl_", (h, scope, id) -> service.store.find(h, scope, id, false)
                        .map(l -> ValueListJson.render(service.shown(h, scope, l))))
                .loader("rsli_", (h, scope, id) -> service.store.findItem(h, scope, id).map(ValueListJson::item));

        router.post("/v1/radar/value_lists", this::create);
        router.get("/v1/radar/value_lists", this::list);
        router.get("/v1/radar/value_lists/{value_list}", this::retrieve);
        router.post("/v1/radar/value_lists/{value_list}", this::update);
        router.delete("/v1/radar/value_lists/{value_list}", this::delete);

        router.post("/v1/radar/value_list_items", this::createItem);
        router.get("/v1/radar/value_list_items", this::listItems);
        router.get("/v1/radar/value_list_items/{item}", this::retrieveItem);
        router.delete("/v1/radar/value_list_items/{item}", this::deleteItem);
    }

    // --- value lists -----------------------------------------------------------------------------

    private ApiResponse create(ApiRequest req) {
        List<String> expand = req.expand(ValueListJson.LIST_OBJECT, null);
        Params p = req.params();
        String alias = checkAlias(p.requiredString("alias", ALIAS_LENGTH_MAX));
        String name = p.requiredString("name", NAME_LENGTH_MAX);
        ItemType itemType = ItemType.fromWire(p.enumValue("item_type", ItemType.WIRE_NAMES)
                .orDefault(ItemType.STRING.wire));
        var metadata = p.metadata();
        p.rejectUnknown();
        return req.execute(h -> req.respond(h, ValueListJson.render(
                service.create(h, req.scope(), alias, name, itemType, metadata)), expand));
    }

    private ApiResponse retrieve(ApiRequest req) {
        List<String> expand = req.expand(ValueListJson.LIST_OBJECT, null);
        req.params().rejectUnknown();
        String id = req.pathParam("value_list");
        return req.read(h -> req.respond(h, ValueListJson.render(service.retrieve(h, req.scope(), id)), expand));
    }

    private ApiResponse update(ApiRequest req) {
        List<String> expand = req.expand(ValueListJson.LIST_OBJECT, null);
        Params p = req.params();
        String id = req.pathParam("value_list");
        Patch<String> alias = p.string("alias", ALIAS_LENGTH_MAX);
        if (alias instanceof Patch.Unset) {
            throw ApiErrors.invalidValue("alias", "You cannot unset the alias of a value list.");
        }
        if (alias instanceof Patch.Set<String> a) {
            checkAlias(a.value());
        }
        Patch<String> name = p.string("name", NAME_LENGTH_MAX);
        if (name instanceof Patch.Unset) {
            throw ApiErrors.invalidValue("name", "You cannot unset the name of a value list.");
        }
        var changes = new ValueListService.Changes(alias, name, p.metadata());
        // item_type is not a parameter of updates: Stripe answers parameter_unknown, and so do we.
        p.rejectUnknown();
        return req.execute(h -> req.respond(h, ValueListJson.render(service.update(h, req.scope(), id, changes)),
                expand));
    }

    private ApiResponse delete(ApiRequest req) {
        req.params().rejectUnknown();
        String id = req.pathParam("value_list");
        return req.execute(h -> req.respond(h, ValueListJson.deleted(service.delete(h, req.scope(), id).id(),
                ValueListJson.LIST_OBJECT), List.of()));
    }

    private ApiResponse list(ApiRequest req) {
        List<String> expand = req.expand("list", ValueListJson.LIST_OBJECT);
        Params p = req.params();
        ListRequest page = ListRequest.parse(p);
        String alias = p.string("alias", ALIAS_LENGTH_MAX).orNull();
        String contains = p.string("contains", ItemType.VALUE_LENGTH_MAX).orNull();
        p.rejectUnknown();
        return req.read(h -> req.respond(h, Lists.render(service.list(h, req.scope(), page, alias, contains),
                "/v1/radar/value_lists", ValueListJson::render), expand));
    }

    // --- value list items ------------------------------------------------------------------------

    private ApiResponse createItem(ApiRequest req) {
        List<String> expand = req.expand(ValueListJson.ITEM_OBJECT, null);
        Params p = req.params();
        String value = p.requiredString("value", ItemType.VALUE_LENGTH_MAX);
        String valueList = p.requiredString("value_list", ID_LENGTH_MAX);
        p.rejectUnknown();
        return req.execute(h -> req.respond(h, ValueListJson.item(
                service.createItem(h, req.scope(), valueList, value)), expand));
    }

    private ApiResponse retrieveItem(ApiRequest req) {
        List<String> expand = req.expand(ValueListJson.ITEM_OBJECT, null);
        req.params().rejectUnknown();
        String id = req.pathParam("item");
        return req.read(h -> req.respond(h, ValueListJson.item(service.retrieveItem(h, req.scope(), id)), expand));
    }

    private ApiResponse deleteItem(ApiRequest req) {
        req.params().rejectUnknown();
        String id = req.pathParam("item");
        return req.execute(h -> req.respond(h, ValueListJson.deleted(service.deleteItem(h, req.scope(), id).id(),
                ValueListJson.ITEM_OBJECT), List.of()));
    }

    private ApiResponse listItems(ApiRequest req) {
        List<String> expand = req.expand("list", ValueListJson.ITEM_OBJECT);
        Params p = req.params();
        ListRequest page = ListRequest.parse(p);
        String valueList = p.requiredString("value_list", ID_LENGTH_MAX);
        String value = p.string("value", ItemType.VALUE_LENGTH_MAX).orNull();
        p.rejectUnknown();
        return req.read(h -> req.respond(h, Lists.render(service.listItems(h, req.scope(), page, valueList, value),
                "/v1/radar/value_list_items", ValueListJson::item), expand));
    }

    private static String checkAlias(String alias) {
        if (!ALIAS.matcher(alias).matches()) {
            throw ApiErrors.invalidValue("alias", "Invalid alias: '" + alias + "'. An alias may contain only letters,"
                    + " digits and underscores, as rules refer to a list by its alias (@alias).");
        }
        return alias;
    }
}
