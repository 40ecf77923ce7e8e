package dev.pinstripe.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinstripe.api.Json;
import java.util.List;

/** The Pinstripe extension objects: {@code pinstripe.webhook_attempt} and {@code pinstripe.event_resend}. */
final class WebhookAttemptJson {
    private WebhookAttemptJson() {}

    static ObjectNode render(WebhookAttemptStore.Attempt a, boolean livemode) {
        ObjectNode o = Json.object(WebhookAttemptStore.ID_PREFIX + a.id(), "pinstripe.webhook_attempt");
        o.put("attempt", a.attempt());
        o.put("error", a.error());
        o.put("event", a.eventId());
        o.put("latency_ms", a.latencyMs());
        o.put("livemode", livemode);
        o.put("response_body", a.responseBody());
        o.put("started_at", Math.floorDiv(a.startedAtMs(), 1000));
        o.put("started_at_ms", a.startedAtMs());
        o.put("status_code", a.statusCode());
        o.put("webhook_endpoint", a.endpointId());
        return o;
    }

    static ObjectNode resend(String eventId, boolean livemode, List<String> endpointIds) {
        ObjectNode o = Json.object();
        o.put("object", "pinstripe.event_resend");
        o.put("deliveries", endpointIds.size());
        o.put("event", eventId);
        o.put("livemode", livemode);
        endpointIds.forEach(o.putArray("webhook_endpoints")::add);
        return o;
    }
}
