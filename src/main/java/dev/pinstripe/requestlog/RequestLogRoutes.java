package dev.pinstripe.requestlog;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinstripe.api.ApiErrors;
import dev.pinstripe.api.ApiRequest;
import dev.pinstripe.api.ApiResponse;
import dev.pinstripe.api.ApiRouter;
import dev.pinstripe.api.Json;
import dev.pinstripe.api.Params;
import java.util.List;

/**
 * Pinstripe extensions for reading the request log, confined to the caller's account and mode:
 * {@code GET /pinstripe/v1/request_logs/{request_id}} (where errors' {@code request_log_url}
 * points) and {@code GET /pinstripe/v1/request_logs} (newest first).
 */
public final class RequestLogRoutes {
    static final int LIMIT_MAX = 100;
    private final RequestLogStore store = new RequestLogStore();

    public void register(ApiRouter router) {
        router.get("/pinstripe/v1/request_logs", this::list);
        // Before {request_id}: "stats" is not a request ID.
        router.get("/pinstripe/v1/request_logs/stats", this::stats);
        router.get("/pinstripe/v1/request_logs/{request_id}", this::retrieve);
    }

    private ApiResponse retrieve(ApiRequest req) {
        req.params().rejectUnknown();
        String id = req.pathParam("request_id");
        return req.read(h -> {
            RequestLogStore.Row row = store.find(h, id, req.scope().accountId(), req.scope().livemode())
                    .orElseThrow(() -> ApiErrors.resourceMissing("request_log", id, "request_id"));
            return req.respond(h, render(row), List.of());
        });
    }

    private ApiResponse list(ApiRequest req) {
        Params p = req.params();
        long limit = p.integer("limit").orDefault(10L);
        if (limit < 1 || limit > LIMIT_MAX) {
            throw ApiErrors.invalidValue("limit", "limit must be between 1 and " + LIMIT_MAX + ".");
        }
        Long status = p.integer("status").orNull();
        String pathPrefix = p.string("path", 2048).orNull();
        Long before = p.integer("before").orNull();
        p.rejectUnknown();
        RequestLogStore.Filter filter = new RequestLogStore.Filter(req.scope().accountId(), req.scope().livemode(),
                status == null ? null : status.intValue(), status == null ? null : status.intValue(), pathPrefix);
        return req.read(h -> {
            List<RequestLogStore.Row> rows = store.newest(h, before, filter, (int) limit + 1);
            ObjectNode out = Json.object();
            out.put("object", "list");
            ArrayNode data = out.putArray("data");
            rows.stream().limit(limit).forEach(r -> data.add(render(r)));
            out.put("has_more", rows.size() > limit);
            out.put("url", "/pinstripe/v1/request_logs");
            return req.respond(h, out, List.of());
        });
    }

    /**
     * {@code logs stats} for the caller's account over [from, to) (epoch seconds, ISO-8601 or
     * epoch milliseconds, as the CLI takes them; default: the last hour).
     */
    private ApiResponse stats(ApiRequest req) {
        Params p = req.params();
        long now = System.currentTimeMillis();
        Long from = bound(p.string("from", 64).orNull(), "from");
        Long to = bound(p.string("to", 64).orNull(), "to");
        long top = p.integer("top").orDefault((long) RequestStats.TOP_DEFAULT);
        if (top < 1 || top > RequestStats.TOP_MAX) {
            throw ApiErrors.invalidValue("top", "top must be between 1 and " + RequestStats.TOP_MAX + ".");
        }
        p.rejectUnknown();
        long fromMs = from != null ? from : now - java.time.Duration.ofHours(1).toMillis();
        long toMs = to != null ? to : Long.MAX_VALUE;
        RequestStats stats = new RequestStats(RequestStats.Options.DEFAULT.withTop((int) top)
                .withRange(new TimeRange(fromMs, toMs)));
        RequestLogStore.Filter filter = new RequestLogStore.Filter(req.scope().accountId(), req.scope().livemode(),
                null, null, null);
        return req.read(h -> {
            store.scan(h, fromMs, toMs, filter, stats::accept);
            ObjectNode out = RequestStatsFormatter.json(stats.report());
            out.put("object", "pinstripe.request_log_stats");
            return req.respond(h, out, List.of());
        });
    }

    private static Long bound(String value, String param) {
        if (value == null) {
            return null;
        }
        try {
            return TimeRange.parseBound(value);
        } catch (IllegalArgumentException e) {
            throw ApiErrors.invalidValue(param, "Invalid " + param + ": " + e.getMessage());
        }
    }

    /** An entry as JSON: the fields of docs/request-logs.md. */
    public static ObjectNode render(RequestLogStore.Row row) {
        RequestLogEntry e = row.entry();
        ObjectNode o = Json.object(e.requestId(), "pinstripe.request_log");
        o.put("account", e.accountId());
        o.put("api_version", e.apiVersion());
        o.put("client_ip", e.clientIp());
        o.put("created_ms", e.timeMillis());
        o.put("error_code", e.errorCode());
        o.put("error_type", e.errorType());
        o.put("idempotency_key", e.idempotencyKey());
        o.put("latency_us", e.latencyMicros());
        if (e.livemode() == null) {
            o.putNull("livemode");
        } else {
            o.put("livemode", e.livemode());
        }
        o.put("method", e.method());
        ArrayNode ids = o.putArray("object_ids");
        e.createdIds().forEach(ids::add);
        o.put("path", e.path());
        o.put("route", e.route());
        o.put("sequence", row.id());
        o.put("status", e.status());
        o.put("user_agent", e.userAgent());
        return o;
    }
}
