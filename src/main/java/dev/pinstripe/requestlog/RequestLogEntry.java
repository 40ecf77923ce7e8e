package dev.pinstripe.requestlog;

import java.util.List;

/**
 * One API request as the request log records it, whatever the source (an access-log file, the
 * {@code request_logs} table). Only {@code method}, {@code path}, {@code status} and {@code latencyMicros}
 * are required; every other field may be null (a file written by hand, a request rejected before
 * authentication).
 *
 * @param timeMillis when the request arrived, epoch milliseconds
 * @param path the concrete path, such as {@code /v1/customers/cus_Nf2k}, without the query string
 * @param route the path template that matched, such as {@code /v1/customers/{customer}}; null when unknown
 * @param latencyMicros from the request's arrival to its response's completion
 * @param createdIds IDs of the objects the request created, in order; never null, often empty
 */
public record RequestLogEntry(
        long timeMillis,
        String requestId,
        String accountId,
        Boolean livemode,
        String method,
        String path,
        String route,
        int status,
        long latencyMicros,
        String clientIp,
        String userAgent,
        String idempotencyKey,
        String apiVersion,
        String errorType,
        String errorCode,
        List<String> createdIds) {

    public static final int STATUS_MIN = 100;
    public static final int STATUS_MAX = 599;

    public RequestLogEntry {
        if (method == null || method.isEmpty()) {
            throw new IllegalArgumentException("method is required");
        }
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("path is required");
        }
        if (status < STATUS_MIN || status > STATUS_MAX) {
            throw new IllegalArgumentException("status must be within " + STATUS_MIN + ".." + STATUS_MAX
                    + ", was " + status);
        }
        if (latencyMicros < 0) {
            throw new IllegalArgumentException("latencyMicros must not be negative, was " + latencyMicros);
        }
        createdIds = createdIds == null ? List.of() : List.copyOf(createdIds);
    }

    /** The fields statistics need, everything else null: for tests and hand-made entries. */
    public static RequestLogEntry of(long timeMillis, String method, String path, String route, int status,
            long latencyMicros, String clientIp) {
        return new RequestLogEntry(timeMillis, null, null, null, method, path, route, status, latencyMicros,
                clientIp, null, null, null, null, null, List.of());
    }
}
