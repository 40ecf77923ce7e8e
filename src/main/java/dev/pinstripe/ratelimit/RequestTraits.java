package dev.pinstripe.ratelimit;

import java.util.Objects;

/**
 * What the limiters need to know of an authenticated API request.
 *
 * @param accountId   the authenticated account
 * @param livemode    the key's mode; test and live mode have separate limits
 * @param write       anything but GET and HEAD
 * @param route       {@code "METHOD /template"} as registered, e.g.
 *                    {@code "POST /v1/payment_intents/{intent}/confirm"}: one endpoint whatever the IDs
 * @param criticality for the load shedders
 * @param objectId    the value of the route's first path parameter (the {@code {intent}} above), or
 *                    null; only per-object limits use it
 */
public record RequestTraits(String accountId, boolean livemode, boolean write, String route, Criticality criticality,
        String objectId) {

    public RequestTraits {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(criticality, "criticality");
        if (accountId.isEmpty()) {
            throw new IllegalArgumentException("accountId must not be empty");
        }
    }

    /** The traits of a request to {@code route} ({@code "POST /v1/refunds"}), with write and criticality derived. */
    public static RequestTraits of(String accountId, boolean livemode, String route, String objectId) {
        return new RequestTraits(accountId, livemode, Criticality.isWrite(route), route, Criticality.of(route), objectId);
    }
}
