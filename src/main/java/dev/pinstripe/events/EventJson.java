package dev.pinstripe.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinstripe.api.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Stripe's Event object. The webhook payload and {@code GET /v1/events/{id}} are the same JSON; the
 * payload is written by streaming around the stored {@code data} text, which is never re-parsed.
 */
public final class EventJson {
    private static final JsonFactory FACTORY = Json.MAPPER.getFactory();

    private EventJson() {}

    /** The event as one line of JSON, with {@code pending_webhooks} as given. */
    public static String payload(StoredEvent e, long pendingWebhooks) {
        StringWriter out = new StringWriter(e.data().length() + 400);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("id", e.id());
            g.writeStringField("object", "event");
            g.writeStringField("api_version", e.apiVersion());
            g.writeNumberField("created", e.created());
            g.writeFieldName("data");
            g.writeRawValue(e.data());
            g.writeBooleanField("livemode", e.livemode());
            g.writeNumberField("pending_webhooks", pendingWebhooks);
            g.writeNumberField("pinstripe_sequence", e.seq());
            g.writeObjectFieldStart("request");
            g.writeStringField("id", e.requestId());
            g.writeStringField("idempotency_key", e.idempotencyKey());
            g.writeEndObject();
            g.writeStringField("type", e.type());
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toString();
    }

    /** The event as an API object. */
    public static ObjectNode render(StoredEvent e, long pendingWebhooks) {
        return (ObjectNode) Json.parse(payload(e, pendingWebhooks));
    }
}
