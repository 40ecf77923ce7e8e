package dev.pinstripe.webhooks;

import dev.pinstripe.api.ApiErrors;
import dev.pinstripe.api.ApiRequest;
import dev.pinstripe.api.ApiResponse;
import dev.pinstripe.api.ApiRouter;
import dev.pinstripe.api.ApiVersions;
import dev.pinstripe.api.Expansions;
import dev.pinstripe.api.ListRequest;
import dev.pinstripe.api.Lists;
import dev.pinstripe.api.Params;
import dev.pinstripe.api.Patch;
import java.util.List;

/**
 * {@code /v1/webhook_endpoints}: create, retrieve, update, delete, list; and the Pinstripe extension
 * {@code POST /pinstripe/v1/webhook_endpoints/{id}/roll_secret}.
 */
public final class WebhookEndpointRoutes {
    static final int URL_LENGTH_MAX = 2048;
    static final int DESCRIPTION_LENGTH_MAX = 5000;
    static final int EVENTS_MAX = 500;

    private final WebhookEndpointService service;

    public WebhookEndpointRoutes(WebhookEndpointService service) {
        this.service = service;
    }

    public void register(ApiRouter router, Expansions expansions) {
        router.post("/v1/webhook_endpoints", this::create);
        router.get("/v1/webhook_endpoints", this::list);
        router.get("/v1/webhook_endpoints/{id}", this::retrieve);
        router.post("/v1/webhook_endpoints/{id}", this::update);
        router.delete("/v1/webhook_endpoints/{id}", this::delete);
        router.post("/pinstripe/v1/webhook_endpoints/{id}/roll_secret", this::rollSecret);
    }

    private ApiResponse create(ApiRequest req) {
        List<String> expand = req.expand("webhook_endpoint", null);
        Params p = req.params();
        String url = p.requiredString("url", URL_LENGTH_MAX);
        WebhookUrls.validate("url", url);
        if (!p.has("enabled_events")) {
            throw ApiErrors.parameterMissing("enabled_events");
        }
        List<String> events = WebhookEndpointService.checkEventTypes(
                p.stringList("enabled_events", 255, EVENTS_MAX).orDefault(List.of()), "enabled_events");
        String version = p.string("api_version", 64).orNull();
        if (version != null) {
            ApiVersions.validate(version);
        }
        Patch<String> description = p.string("description", DESCRIPTION_LENGTH_MAX);
        var metadata = p.metadata();
        if (Boolean.TRUE.equals(p.bool("connect").orNull())) {
            throw ApiErrors.invalidValue("connect", "Connect webhook endpoints are not supported by Pinstripe.");
        }
        p.rejectUnknown();
        var changes = new WebhookEndpointService.Changes(Patch.set(url), Patch.set(events), description, metadata,
                Patch.absent(), version);
        return req.execute(h -> req.respond(h, WebhookEndpointJson.render(service.create(h, req.scope(), changes),
                true), expand));
    }

    private ApiResponse retrieve(ApiRequest req) {
        List<String> expand = req.expand("webhook_endpoint", null);
        req.params().rejectUnknown();
        String id = req.pathParam("id");
        return req.read(h -> req.respond(h, WebhookEndpointJson.render(service.retrieve(h, req.scope(), id), false),
                expand));
    }

    private ApiResponse update(ApiRequest req) {
        List<String> expand = req.expand("webhook_endpoint", null);
        Params p = req.params();
        String id = req.pathParam("id");
        Patch<String> url = p.string("url", URL_LENGTH_MAX);
        if (url instanceof Patch.Unset) {
            throw ApiErrors.invalidValue("url", "You cannot unset the url of a webhook endpoint.");
        }
        if (url instanceof Patch.Set<String> u) {
            WebhookUrls.validate("url", u.value());
        }
        Patch<List<String>> events = p.stringList("enabled_events", 255, EVENTS_MAX);
        if (events instanceof Patch.Unset) {
            throw ApiErrors.invalidValue("enabled_events", "You must specify at least one event type in"
                    + " enabled_events.");
        }
        if (events instanceof Patch.Set<List<String>> e) {
            events = Patch.set(WebhookEndpointService.checkEventTypes(e.value(), "enabled_events"));
        }
        var changes = new WebhookEndpointService.Changes(url, events, p.string("description", DESCRIPTION_LENGTH_MAX),
                p.metadata(), p.bool("disabled"), null);
        p.rejectUnknown();
        return req.execute(h -> req.respond(h, WebhookEndpointJson.render(service.update(h, req.scope(), id, changes),
                false), expand));
    }

    private ApiResponse delete(ApiRequest req) {
        req.params().rejectUnknown();
        String id = req.pathParam("id");
        return req.execute(h -> req.respond(h, WebhookEndpointJson.deleted(service.delete(h, req.scope(), id).id()),
                List.of()));
    }

    private ApiResponse list(ApiRequest req) {
        List<String> expand = req.expand("list", "webhook_endpoint");
        Params p = req.params();
        ListRequest page = ListRequest.parse(p);
        p.rejectUnknown();
        return req.read(h -> req.respond(h, Lists.render(service.list(h, req.scope(), page), "/v1/webhook_endpoints",
                e -> WebhookEndpointJson.render(e, false)), expand));
    }

    private ApiResponse rollSecret(ApiRequest req) {
        Params p = req.params();
        String id = req.pathParam("id");
        var overlap = WebhookEndpointService.checkOverlap(p.integer("expires_in").orNull());
        p.rejectUnknown();
        return req.execute(h -> req.respond(h, WebhookEndpointJson.render(
                service.rollSecret(h, req.scope(), id, overlap), true), List.of()));
    }
}
