package dev.pinstripe.webhooks;

import dev.pinstripe.api.ApiErrors;
import dev.pinstripe.api.ListRequest;
import dev.pinstripe.api.Metadata;
import dev.pinstripe.api.Page;
import dev.pinstripe.api.Patch;
import dev.pinstripe.api.Scope;
import dev.pinstripe.events.EventLog;
import dev.pinstripe.ids.Ids;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/** Webhook endpoint use cases; each runs inside the caller's transaction. */
public final class WebhookEndpointService {
    /** Stripe allows 16 endpoints per account and mode. */
    static final int ENDPOINTS_MAX = 16;
    static final Duration ROLL_OVERLAP_DEFAULT = Duration.ofHours(24);
    static final Duration ROLL_OVERLAP_MAX = Duration.ofDays(7);
    /** Every type an endpoint may enable (Stripe's list and Pinstripe's own), and {@code *}. */
    static final Set<String> EVENT_TYPES = loadEventTypes();

    private final Clock clock;
    private final EventLog events;
    final WebhookEndpointStore store = new WebhookEndpointStore();

    public WebhookEndpointService(Clock clock, EventLog events) {
        this.clock = clock;
        this.events = events;
    }

    record Changes(Patch<String> url, Patch<List<String>> enabledEvents, Patch<String> description,
            Patch<Map<String, String>> metadata, Patch<Boolean> disabled, String apiVersion) {}

    WebhookEndpoint create(Handle h, Scope scope, Changes c) {
        long count = h.createQuery("SELECT count(*) FROM webhook_endpoints WHERE account_id = :account"
                        + " AND livemode = :livemode AND deleted_at IS NULL")
                .bind("account", scope.accountId()).bind("livemode", scope.livemode())
                .mapTo(Long.class).one();
        if (count >= ENDPOINTS_MAX) {
            throw ApiErrors.invalidValue("url", "You have reached the maximum of " + ENDPOINTS_MAX + " "
                    + (scope.livemode() ? "live" : "test") + " webhook endpoints. Delete one to add another.");
        }
        WebhookEndpoint e = new WebhookEndpoint(Ids.object("we_"), scope.livemode(), clock.instant().getEpochSecond(),
                c.url().orNull(), c.description().orNull(), c.enabledEvents().orNull(), c.apiVersion(),
                Metadata.apply(Map.of(), c.metadata()), WebhookEndpoint.ENABLED, newSecret(), null, null, null);
        store.insert(h, scope, e);
        return e;
    }

    WebhookEndpoint retrieve(Handle h, Scope scope, String id) {
        return store.find(h, scope, id, false)
                .orElseThrow(() -> ApiErrors.resourceMissing("webhook_endpoint", id, "webhook_endpoint"));
    }

    WebhookEndpoint update(Handle h, Scope scope, String id, Changes c) {
        WebhookEndpoint e = locked(h, scope, id);
        String status = e.status();
        String reason = e.disabledReason();
        if (c.disabled() instanceof Patch.Set<Boolean> d) {
            status = d.value() ? WebhookEndpoint.DISABLED : WebhookEndpoint.ENABLED;
            reason = d.value() ? "disabled_by_user" : null;
        }
        WebhookEndpoint updated = new WebhookEndpoint(e.id(), e.livemode(), e.created(), c.url().applyTo(e.url()),
                c.description().applyTo(e.description()),
                c.enabledEvents() instanceof Patch.Set<List<String>> s ? s.value() : e.enabledEvents(), e.apiVersion(),
                Metadata.apply(e.metadata(), c.metadata()), status, e.secret(), e.previousSecret(),
                e.previousSecretExpiresAt(), reason);
        store.update(h, scope, updated);
        if (status.equals(WebhookEndpoint.DISABLED) && !e.status().equals(WebhookEndpoint.DISABLED)) {
            WebhookEndpointStore.cancelPending(h, id, clock.millis());
        }
        return updated;
    }

    WebhookEndpoint delete(Handle h, Scope scope, String id) {
        WebhookEndpoint e = locked(h, scope, id);
        store.markDeleted(h, scope, id, clock.instant().getEpochSecond(), clock.millis());
        return e;
    }

    /**
     * A new signing secret; the old one keeps signing for {@code overlap} (zero: it stops at once),
     * so receivers can switch without missing an event.
     */
    WebhookEndpoint rollSecret(Handle h, Scope scope, String id, Duration overlap) {
        WebhookEndpoint e = locked(h, scope, id);
        long now = clock.instant().getEpochSecond();
        WebhookEndpoint rolled = new WebhookEndpoint(e.id(), e.livemode(), e.created(), e.url(), e.description(),
                e.enabledEvents(), e.apiVersion(), e.metadata(), e.status(), newSecret(),
                overlap.isZero() ? null : e.secret(), overlap.isZero() ? null : now + overlap.toSeconds(),
                e.disabledReason());
        store.update(h, scope, rolled);
        return rolled;
    }

    Page<WebhookEndpoint> list(Handle h, Scope scope, ListRequest request) {
        return store.list(h, scope, request);
    }

    /**
     * Records {@code webhook_endpoint.disabled} (a Pinstripe event type) when the delivery engine
     * disables an endpoint; runs in the engine's transaction.
     */
    public void recordDisabled(Handle h, String endpointId, String reason) {
        WebhookEndpointStore.scopeOf(h, endpointId).ifPresent(scope -> store.find(h, scope, endpointId, false)
                .ifPresent(e -> events.record(h, scope, "webhook_endpoint.disabled",
                        WebhookEndpointJson.render(e, false))));
    }

    static List<String> checkEventTypes(List<String> types, String param) {
        if (types.isEmpty()) {
            throw ApiErrors.invalidValue(param, "You must specify at least one event type in enabled_events.");
        }
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        for (String type : types) {
            if (!EVENT_TYPES.contains(type)) {
                throw ApiErrors.invalidValue(param, "Invalid event type: " + type + ". See docs/events.md for the"
                        + " types an endpoint can enable, or use '*' for all of them.");
            }
            unique.add(type);
        }
        return List.copyOf(unique);
    }

    static Duration checkOverlap(Long seconds) {
        if (seconds == null) {
            return ROLL_OVERLAP_DEFAULT;
        }
        if (seconds < 0 || seconds > ROLL_OVERLAP_MAX.toSeconds()) {
            throw ApiErrors.invalidValue("expires_in", "expires_in must be between 0 and "
                    + ROLL_OVERLAP_MAX.toSeconds() + " seconds.");
        }
        return Duration.ofSeconds(seconds);
    }

    private WebhookEndpoint locked(Handle h, Scope scope, String id) {
        return store.find(h, scope, id, true)
                .orElseThrow(() -> ApiErrors.resourceMissing("webhook_endpoint", id, "webhook_endpoint"));
    }

    private static String newSecret() {
        return "whsec_" + Ids.random("", 32);
    }

    private static Set<String> loadEventTypes() {
        try (InputStream in = WebhookEndpointService.class.getResourceAsStream("/webhooks/event-types.txt")) {
            if (in == null) {
                throw new IllegalStateException("webhooks/event-types.txt is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .collect(java.util.stream.Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
