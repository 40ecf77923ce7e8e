package dev.pinstripe.requestlog;

import java.util.List;

/**
 * One API request as the request log keeps it: never secrets, card numbers or bodies.
 *
 * @param time      epoch milliseconds when the request arrived
 * @param route     the path template ({@code /v1/customers/{customer}}), or null when none matched
 * @param createdIds the IDs of objects the request created
 */
public record RequestLogEntry(long time, String requestId, String accountId, Boolean livemode, String method,
        String path, String route, int status, long latencyMicros, String clientIp, String userAgent,
        String idempotencyKey, String apiVersion, String errorType, String errorCode, List<String> createdIds) {}
