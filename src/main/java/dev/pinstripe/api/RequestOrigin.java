package dev.pinstripe.api;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatements;

/**
 * The API request a transaction works for, as events show it in {@code request}: its ID and
 * idempotency key, and the caller's IP address for Radar. Bound to the database handle by whoever opens the transaction for a request;
 * work with no request behind it (background jobs, the CLI, the 3-D Secure page) has none, and its
 * events show {@code request.id: null}, as Stripe's automatic events do.
 */
public record RequestOrigin(String requestId, String idempotencyKey, String clientIp) {
    public static final RequestOrigin NONE = new RequestOrigin(null, null, null);
    private static final String ATTRIBUTE = "pinstripe_request_origin";

    public static void bind(Handle h, ApiRequest request) {
        h.define(ATTRIBUTE, new RequestOrigin(request.requestId(), request.idempotencyKey(), request.clientIp()));
    }

    public static RequestOrigin of(Handle h) {
        return h.getConfig(SqlStatements.class).getAttribute(ATTRIBUTE) instanceof RequestOrigin origin
                ? origin : NONE;
    }
}
