package dev.pinstripe.webhooks;

import dev.pinstripe.api.ApiErrors;
import dev.pinstripe.api.ApiRequest;
import dev.pinstripe.api.ApiResponse;
import dev.pinstripe.api.ApiRouter;
import dev.pinstripe.api.ListRequest;
import dev.pinstripe.api.Lists;
import dev.pinstripe.api.Params;
import java.util.List;

/**
 * Pinstripe extensions (docs/webhooks.md): webhook attempts of an event or of an endpoint, and
 * resending an event.
 */
public final class WebhookAttemptRoutes {
    private final DeliveryStore deliveries;
    private final WebhookAttemptStore attempts = new WebhookAttemptStore();

    public WebhookAttemptRoutes(DeliveryStore deliveries) {
        this.deliveries = deliveries;
    }

    public void register(ApiRouter router) {
        router.get("/pinstripe/v1/events/{event}/attempts", this::eventAttempts);
        router.get("/pinstripe/v1/webhook_endpoints/{endpoint}/attempts", this::endpointAttempts);
        router.post("/pinstripe/v1/events/{event}/resend", this::resend);
    }

    private ApiResponse eventAttempts(ApiRequest req) {
        List<String> expand = req.expand("list", "pinstripe.webhook_attempt");
        ListRequest page = listRequest(req.params());
        String id = req.pathParam("event");
        return req.read(h -> {
            WebhookAttemptStore.EventRef event = attempts.findEvent(h, req.scope(), id)
                    .orElseThrow(() -> ApiErrors.resourceMissing("event", id, "id"));
            return req.respond(h, Lists.render(attempts.forEvent(h, event, page),
                    "/pinstripe/v1/events/" + id + "/attempts",
                    a -> WebhookAttemptJson.render(a, req.scope().livemode())), expand);
        });
    }

    private ApiResponse endpointAttempts(ApiRequest req) {
        List<String> expand = req.expand("list", "pinstripe.webhook_attempt");
        ListRequest page = listRequest(req.params());
        String id = req.pathParam("endpoint");
        return req.read(h -> {
            attempts.findEndpoint(h, req.scope(), id)
                    .orElseThrow(() -> ApiErrors.resourceMissing("webhook_endpoint", id, "id"));
            return req.respond(h, Lists.render(attempts.forEndpoint(h, id, page),
                    "/pinstripe/v1/webhook_endpoints/" + id + "/attempts",
                    a -> WebhookAttemptJson.render(a, req.scope().livemode())), expand);
        });
    }

    private static ListRequest listRequest(Params p) {
        ListRequest page = ListRequest.parse(p);
        if (!page.created().isEmpty()) {
            throw ApiErrors.parameterUnknown("created");
        }
        p.rejectUnknown();
        return page;
    }

    private ApiResponse resend(ApiRequest req) {
        List<String> expand = req.expand("pinstripe.event_resend", null);
        String endpointId = req.params().string("webhook_endpoint", 5000).orNull();
        req.params().rejectUnknown();
        String id = req.pathParam("event");
        return req.execute(h -> {
            WebhookAttemptStore.EventRef event = attempts.findEvent(h, req.scope(), id)
                    .orElseThrow(() -> ApiErrors.resourceMissing("event", id, "id"));
            List<String> targets;
            if (endpointId != null) {
                WebhookAttemptStore.EndpointRef endpoint = attempts.findEndpoint(h, req.scope(), endpointId)
                        .filter(e -> !e.deleted())
                        .orElseThrow(() -> ApiErrors.resourceMissing("webhook_endpoint", endpointId,
                                "webhook_endpoint"));
                if (!endpoint.status().equals("enabled")) {
                    throw ApiErrors.invalidValue("webhook_endpoint", "Webhook endpoint " + endpointId
                            + " is disabled; enable it before resending events to it.");
                }
                targets = List.of(endpointId);
            } else {
                targets = attempts.endpointsWanting(h, req.scope(), event.type());
            }
            deliveries.enqueue(h, event.seq(), targets);
            return req.respond(h, WebhookAttemptJson.resend(id, req.scope().livemode(), targets), expand);
        });
    }
}
