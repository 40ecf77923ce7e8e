package dev.pinstripe.webhooks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinstripe.api.Json;

/** Stripe's WebhookEndpoint object. */
final class WebhookEndpointJson {
    private WebhookEndpointJson() {}

    /** @param withSecret true only in the responses to create and roll, as Stripe shows it */
    static ObjectNode render(WebhookEndpoint e, boolean withSecret) {
        ObjectNode o = Json.object(e.id(), "webhook_endpoint");
        o.put("api_version", e.apiVersion());
        o.putNull("application");
        o.put("created", e.created());
        o.put("description", e.description());
        ArrayNode events = o.putArray("enabled_events");
        e.enabledEvents().forEach(events::add);
        o.put("livemode", e.livemode());
        o.set("metadata", Json.map(e.metadata()));
        if (withSecret) {
            o.put("secret", e.secret());
        }
        o.put("status", e.status());
        o.put("url", e.url());
        return o;
    }

    static ObjectNode deleted(String id) {
        ObjectNode o = Json.object(id, "webhook_endpoint");
        o.put("deleted", true);
        return o;
    }
}
