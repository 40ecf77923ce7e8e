package dev.pinstripe.events;

import dev.pinstripe.api.ApiErrors;
import dev.pinstripe.api.ApiRequest;
import dev.pinstripe.api.ApiResponse;
import dev.pinstripe.api.ApiRouter;
import dev.pinstripe.api.Expansions;
import dev.pinstripe.api.ListRequest;
import dev.pinstripe.api.Lists;
import dev.pinstripe.api.Params;
import java.util.List;
import java.util.regex.Pattern;

/** {@code /v1/events}: retrieve and list, as Stripe keeps them. */
public final class EventRoutes {
    /** Stripe accepts at most 20 entries in {@code types[]}. */
    static final int TYPES_MAX = 20;
    private static final Pattern TYPE = Pattern.compile("^[a-z_]+(\\.[a-z_]+)*(\\.\\*)?$|^\\*$");

    private final EventStore store = new EventStore();

    public void register(ApiRouter router, Expansions expansions) {
        router.get("/v1/events", this::list);
        router.get("/v1/events/{id}", this::retrieve);
    }

    private ApiResponse retrieve(ApiRequest req) {
        List<String> expand = req.expand("event", null);
        req.params().rejectUnknown();
        String id = req.pathParam("id");
        return req.read(h -> {
            EventStore.Row row = store.find(h, req.scope(), id)
                    .orElseThrow(() -> ApiErrors.resourceMissing("event", id, "id"));
            return req.respond(h, EventJson.render(row.event(), row.pendingWebhooks()), expand);
        });
    }

    private ApiResponse list(ApiRequest req) {
        List<String> expand = req.expand("list", "event");
        Params p = req.params();
        ListRequest page = ListRequest.parse(p);
        String type = p.string("type", 255).orNull();
        if (type != null && !TYPE.matcher(type).matches()) {
            throw ApiErrors.invalidValue("type", "Invalid type: must be an event type, or a group of event types"
                    + " with * as a wildcard (such as charge.*).");
        }
        String prefix = null;
        if (type != null && type.endsWith("*")) {
            prefix = type.substring(0, type.length() - 1);
        }
        List<String> types = p.stringList("types", 255, TYPES_MAX).orDefault(List.of());
        if (type != null && prefix == null) {
            types = List.of(type);
        }
        if (p.has("type") && p.has("types")) {
            throw ApiErrors.invalidValue("types", "You may only specify one of these parameters: type, types.");
        }
        Boolean deliverySuccess = p.bool("delivery_success").orNull();
        p.rejectUnknown();
        String typePrefix = prefix;
        List<String> exact = types;
        return req.read(h -> req.respond(h, Lists.render(
                store.list(h, req.scope(), page, typePrefix, exact, deliverySuccess), "/v1/events",
                row -> EventJson.render(row.event(), row.pendingWebhooks())), expand));
    }
}
