package dev.pinstripe.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinstripe.accounts.AccountService;
import dev.pinstripe.accounts.ApiKeys;
import dev.pinstripe.api.ApiErrors;
import dev.pinstripe.api.ApiException;
import dev.pinstripe.api.ApiRequest;
import dev.pinstripe.api.ApiResponse;
import dev.pinstripe.api.ApiRouter;
import dev.pinstripe.api.PageRouter;
import dev.pinstripe.api.ApiVersions;
import dev.pinstripe.api.ErrorJson;
import dev.pinstripe.api.Json;
import dev.pinstripe.api.Expansions;
import dev.pinstripe.api.FormDecoder;
import dev.pinstripe.api.Params;
import dev.pinstripe.api.Scope;
import dev.pinstripe.ids.Ids;
import dev.pinstripe.ratelimit.Admission;
import dev.pinstripe.ratelimit.Limiters;
import dev.pinstripe.ratelimit.RequestTraits;
import dev.pinstripe.requestlog.RequestLogEntry;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The HTTP edge of the API: Javalin on virtual threads. Every request passes the same steps here,
 * in this order: a request ID, the content type and size of the body, authentication, the API
 * version, parameter decoding, then the resource's handler. Every error, from any step, leaves as
 * Stripe's error JSON through {@link #renderError}.
 */
public final class ApiServer implements ApiRouter, PageRouter {
    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
    private static final String JSON = "application/json";
    private static final String REQUEST_ID = "pinstripe.requestId";
    private static final List<HandlerType> METHODS = List.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT,
            HandlerType.PATCH, HandlerType.DELETE, HandlerType.HEAD, HandlerType.OPTIONS);

    /** Settings of the HTTP edge. */
    public record Settings(String host, int port, long bodyBytesMax) {}

    /** The answer of an operational endpoint such as {@code /readyz} or {@code /metrics}. */
    public record Probe(int status, String contentType, String body) {}

    /** Told about every API request once its response is written (the request log, metrics). */
    @FunctionalInterface
    public interface Observer {
        void completed(RequestLogEntry entry);

        Observer NONE = entry -> { };
    }

    private static final String STARTED_NANOS = "pinstripe.startedNanos";
    private static final String STARTED_MILLIS = "pinstripe.startedMillis";
    private static final String ACCOUNT = "pinstripe.account";
    private static final String LIVEMODE = "pinstripe.livemode";
    private static final String ROUTE = "pinstripe.route";
    private static final String VERSION = "pinstripe.version";
    private static final String ERROR_TYPE = "pinstripe.errorType";
    private static final String ERROR_CODE = "pinstripe.errorCode";
    private static final String CREATED = "pinstripe.created";
    private static final java.util.regex.Pattern TOP_LEVEL_ID =
            java.util.regex.Pattern.compile("^\\{\\s*\"id\":\\s*\"([A-Za-z0-9_]{1,255})\"");
    /** Where an error's request log entry can be read (docs/request-logs.md). */
    public static final String REQUEST_LOG_PATH = "/pinstripe/v1/request_logs/";

    private record Route(HandlerType method, String path, ApiHandler handler) {}

    private final Settings settings;
    private final AccountService accounts;
    private final ApiRequest.RequestExecutor executor;
    private final Expansions expansions;
    private final List<Route> routes = new ArrayList<>();
    private final List<PageRoute> pages = new ArrayList<>();
    private final Map<String, java.util.function.Supplier<Probe>> probes = new java.util.LinkedHashMap<>();
    private final Observer observer;
    private final Limiters limiters;
    private Javalin app;

    public ApiServer(Settings settings, AccountService accounts, ApiRequest.RequestExecutor executor,
            Expansions expansions, Observer observer, Limiters limiters) {
        this.observer = observer;
        this.limiters = limiters;
        this.settings = settings;
        this.accounts = accounts;
        this.executor = executor;
        this.expansions = expansions;
    }

    @Override
    public void get(String path, ApiHandler handler) {
        routes.add(new Route(HandlerType.GET, path, handler));
    }

    @Override
    public void post(String path, ApiHandler handler) {
        routes.add(new Route(HandlerType.POST, path, handler));
    }

    @Override
    public void delete(String path, ApiHandler handler) {
        routes.add(new Route(HandlerType.DELETE, path, handler));
    }

    @Override
    public void page(String method, String path, PageHandler handler) {
        pages.add(new PageRoute(method.equals("POST") ? HandlerType.POST : HandlerType.GET, path, handler));
    }

    private record PageRoute(HandlerType method, String path, PageHandler handler) {}

    private void renderPage(Context ctx, PageRoute page) {
        Map<String, String> params = new java.util.HashMap<>();
        ctx.queryParamMap().forEach((k, v) -> params.put(k, v.isEmpty() ? "" : v.getFirst()));
        if (page.method() == HandlerType.POST) {
            ctx.formParamMap().forEach((k, v) -> params.put(k, v.isEmpty() ? "" : v.getFirst()));
        }
        PageResponse response = page.handler().handle(ctx.pathParamMap(), params);
        if (response.location() != null) {
            ctx.status(response.status()).header("Location", response.location());
            return;
        }
        ctx.status(response.status()).contentType("text/html; charset=utf-8").result(response.html());
    }

    /**
     * An operational endpoint outside {@code /v1} and without authentication ({@code /readyz},
     * {@code /metrics}); register before {@link #start()}.
     */
    public void probe(String path, java.util.function.Supplier<Probe> probe) {
        probes.put(path, probe);
    }

    public ApiServer start() {
        app = Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = settings.bodyBytesMax();
            config.http.prefer405over404 = false;
            config.router.ignoreTrailingSlashes = false;
            config.jetty.host = settings.host();
            config.jetty.modifyServer(server -> {
                server.setStopTimeout(10_000);
                server.setErrorHandler(new JsonErrorHandler());
            });
            config.routes.before(ctx -> {
                ctx.attribute(STARTED_NANOS, System.nanoTime());
                ctx.attribute(STARTED_MILLIS, System.currentTimeMillis());
                String requestId = Ids.requestId();
                ctx.attribute(REQUEST_ID, requestId);
                ctx.header("Request-Id", requestId);
                ctx.header("Cache-Control", "no-cache, no-store");
            });
            config.routes.get("/healthz", ctx -> ctx.contentType(JSON).result("{\n  \"status\": \"ok\"\n}"));
            probes.forEach((path, probe) -> config.routes.get(path, ctx -> {
                Probe p = probe.get();
                ctx.status(p.status()).contentType(p.contentType()).result(p.body());
            }));
            for (PageRoute page : pages) {
                config.routes.addHttpHandler(page.method(), page.path(), ctx -> renderPage(ctx, page));
            }
            for (Route route : routes) {
                config.routes.addHttpHandler(route.method(), route.path(), ctx -> dispatch(ctx, route));
            }
            // Anything no route matched, with any method, is Stripe's "Unrecognized request URL".
            for (HandlerType method : METHODS) {
                for (String any : List.of("/", "/<path>")) {
                    config.routes.addHttpHandler(method, any, ctx -> {
                        throw ApiErrors.unrecognizedUrl(ctx.method().name(), ctx.path());
                    });
                }
            }
            config.routes.after(this::observe);
            config.routes.exception(ApiException.class, (e, ctx) -> renderError(ctx, e));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> renderError(ctx, translate(e, ctx)));
            config.routes.exception(Exception.class, (e, ctx) -> {
                String requestId = requestId(ctx);
                log.error("Request {} {} {} failed", requestId, ctx.method(), ctx.path(), e);
                renderError(ctx, ApiErrors.internal(requestId));
            });
            config.routes.error(404, ctx -> {
                if (ctx.result() == null) {
                    renderError(ctx, ApiErrors.unrecognizedUrl(ctx.method().name(), ctx.path()));
                }
            });
        });
        app.start(settings.port());
        log.info("Pinstripe API listening on http://{}:{}", settings.host(), app.port());
        return this;
    }

    public int port() {
        return app.port();
    }

    public void stop() {
        if (app != null) {
            app.stop();
        }
    }

    private void dispatch(Context ctx, Route route) {
        String requestId = requestId(ctx);
        MDC.put("request_id", requestId);
        ctx.attribute(ROUTE, route.path());
        Runnable release = null;
        try {
            String body = readBody(ctx);
            AccountService.Caller caller = authenticate(ctx);
            ctx.attribute(ACCOUNT, caller.accountId());
            MDC.put("account", caller.accountId());
            if (!ctx.pathParamMap().isEmpty()) {
                MDC.put("object_id", ctx.pathParamMap().values().iterator().next());
            }
            Admission admission = limiters.admit(RequestTraits.of(caller.accountId(), caller.livemode(),
                    route.method().name() + " " + route.path(),
                    ctx.pathParamMap().isEmpty() ? null : ctx.pathParamMap().values().iterator().next()));
            if (admission instanceof Admission.Rejected rejected) {
                rejected.headers().forEach(ctx::header);
                throw rejected.error();
            }
            release = ((Admission.Admitted) admission).release();
            ctx.attribute(LIVEMODE, caller.livemode());
            if (caller.kind() != ApiKeys.Kind.SECRET) {
                throw ApiErrors.publishableKeyNotAllowed();
            }
            String version = ctx.header("Stripe-Version");
            version = version == null || version.isBlank() ? caller.accountApiVersion()
                    : ApiVersions.validate(version.trim());
            ctx.header("Stripe-Version", version);
            ctx.attribute(VERSION, version);
            boolean paramsInBody = route.method() == HandlerType.POST;
            Params params = Params.of(FormDecoder.decode(paramsInBody ? body : ctx.queryString()));
            String idempotencyKey = route.method() == HandlerType.POST ? ctx.header("Idempotency-Key") : null;
            if (idempotencyKey != null) {
                ctx.header("Idempotency-Key", idempotencyKey);
            }
            ApiRequest request = new ApiRequest(requestId, route.method().name(), ctx.path(),
                    new Scope(caller.accountId(), caller.livemode()), version, idempotencyKey, params,
                    ctx.pathParamMap(), executor, expansions, ctx.ip());
            ApiResponse response = route.handler().handle(request);
            ctx.header("Original-Request", response.replayOf() != null ? response.replayOf() : requestId);
            if (response.replayOf() != null) {
                ctx.header("Idempotent-Replayed", "true");
            }
            String responseBody = response.body();
            if (response.status() >= 400) {
                responseBody = withRequestLogUrl(ctx, responseBody,
                        response.replayOf() != null ? response.replayOf() : requestId);
            } else if (route.method() == HandlerType.POST && !route.path().contains("{")) {
                java.util.regex.Matcher created = TOP_LEVEL_ID.matcher(responseBody);
                if (created.find()) {
                    ctx.attribute(CREATED, created.group(1));
                }
            }
            ctx.status(response.status()).contentType(JSON).result(responseBody);
        } finally {
            if (release != null) {
                release.run();
            }
            MDC.remove("request_id");
            MDC.remove("account");
            MDC.remove("object_id");
            MDC.remove(Ids.OBJECT_IDS_KEY);
        }
    }

    /**
     * The body of a POST must be form-encoded (Stripe ignores nothing silently: a JSON body is an
     * error) and within the size limit, checked before it is read.
     */
    private String readBody(Context ctx) {
        long length = ctx.contentLength();
        if (length > settings.bodyBytesMax()) {
            throw ApiErrors.bodyTooLarge(settings.bodyBytesMax());
        }
        if (ctx.method() != HandlerType.POST) {
            return "";
        }
        String contentType = ctx.contentType();
        String body = new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8);
        if (body.isEmpty()) {
            return body;
        }
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw ApiErrors.unsupportedContentType();
        }
        return body;
    }

    /** Bearer auth, or HTTP Basic with the key as the username, as Stripe accepts both. */
    private AccountService.Caller authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw ApiErrors.apiKeyMissing();
        }
        String trimmed = header.trim();
        int space = trimmed.indexOf(' ');
        String scheme = space < 0 ? trimmed : trimmed.substring(0, space);
        String credentials = space < 0 ? "" : trimmed.substring(space + 1).trim();
        String key;
        if (scheme.equalsIgnoreCase("Bearer")) {
            key = credentials;
        } else if (scheme.equalsIgnoreCase("Basic")) {
            try {
                String decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                key = colon < 0 ? decoded : decoded.substring(0, colon);
            } catch (IllegalArgumentException e) {
                throw ApiErrors.authorizationMalformed(header);
            }
        } else {
            throw ApiErrors.authorizationMalformed(header);
        }
        if (key.isEmpty()) {
            throw ApiErrors.authorizationMalformed(header);
        }
        return accounts.authenticate(key);
    }

    private ApiException translate(HttpResponseException e, Context ctx) {
        return switch (e.getStatus()) {
            case 404, 405 -> ApiErrors.unrecognizedUrl(ctx.method().name(), ctx.path());
            case 413 -> ApiErrors.bodyTooLarge(settings.bodyBytesMax());
            default -> ApiErrors.malformedBody(e.getMessage());
        };
    }

    private static String requestId(Context ctx) {
        String id = ctx.attribute(REQUEST_ID);
        return id != null ? id : "unknown";
    }

    static void renderError(Context ctx, ApiException e) {
        if (e.status() == 401) {
            ctx.header("WWW-Authenticate", "Basic realm=\"Stripe\"");
        }
        ctx.attribute(ERROR_TYPE, e.type());
        ctx.attribute(ERROR_CODE, e.code());
        ctx.status(e.status()).contentType(JSON).result(withRequestLogUrl(ctx, ErrorJson.render(e), requestId(ctx)));
    }

    /**
     * Stripe's {@code request_log_url} in an error: where this request's entry can be read. A replayed
     * error points to the original request's entry.
     */
    private static String withRequestLogUrl(Context ctx, String body, String requestId) {
        if (!(Json.parse(body) instanceof ObjectNode root) || !(root.get("error") instanceof ObjectNode error)) {
            return body;
        }
        String type = error.path("type").asText(null);
        String code = error.path("code").asText(null);
        if (type != null) {
            ctx.attribute(ERROR_TYPE, type);
        }
        if (code != null) {
            ctx.attribute(ERROR_CODE, code);
        }
        if (error.has("request_log_url")) {
            return body;
        }
        String host = ctx.host() != null ? ctx.host() : "127.0.0.1";
        error.put("request_log_url", ctx.scheme() + "://" + host + REQUEST_LOG_PATH + requestId);
        java.util.TreeMap<String, com.fasterxml.jackson.databind.JsonNode> sorted = new java.util.TreeMap<>();
        error.properties().forEach(f -> sorted.put(f.getKey(), f.getValue()));
        error.removeAll();
        sorted.forEach(error::set);
        return Json.pretty(root);
    }

    /** Hands the request to the observer once it is answered; pages, probes and metrics are not API requests. */
    private void observe(Context ctx) {
        String path = ctx.path();
        if (!path.startsWith("/v1/") && !path.equals("/v1") && !path.startsWith("/pinstripe/v1/")) {
            return;
        }
        Long started = ctx.attribute(STARTED_NANOS);
        Long startedMillis = ctx.attribute(STARTED_MILLIS);
        long latencyMicros = started == null ? 0 : (System.nanoTime() - started) / 1000;
        String created = ctx.attribute(CREATED);
        try {
            observer.completed(new RequestLogEntry(startedMillis == null ? System.currentTimeMillis() : startedMillis,
                    requestId(ctx), ctx.attribute(ACCOUNT), ctx.attribute(LIVEMODE), ctx.method().name(), path,
                    ctx.attribute(ROUTE), ctx.statusCode(), latencyMicros, ctx.ip(), ctx.userAgent(),
                    ctx.method() == HandlerType.POST ? ctx.header("Idempotency-Key") : null, ctx.attribute(VERSION),
                    ctx.attribute(ERROR_TYPE), ctx.attribute(ERROR_CODE), created == null ? List.of() : List.of(created)));
        } catch (RuntimeException e) {
            log.warn("Request observer failed for {}", requestId(ctx), e);
        }
    }
}
