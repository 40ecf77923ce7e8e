package dev.pinstripe.http;

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
import dev.pinstripe.api.Expansions;
import dev.pinstripe.api.FormDecoder;
import dev.pinstripe.api.Params;
import dev.pinstripe.api.Scope;
import dev.pinstripe.ids.Ids;
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

    private record Route(HandlerType method, String path, ApiHandler handler) {}

    private final Settings settings;
    private final AccountService accounts;
    private final ApiRequest.RequestExecutor executor;
    private final Expansions expansions;
    private final List<Route> routes = new ArrayList<>();
    private final List<PageRoute> pages = new ArrayList<>();
    private Javalin app;

    public ApiServer(Settings settings, AccountService accounts, ApiRequest.RequestExecutor executor,
            Expansions expansions) {
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
                String requestId = Ids.requestId();
                ctx.attribute(REQUEST_ID, requestId);
                ctx.header("Request-Id", requestId);
                ctx.header("Cache-Control", "no-cache, no-store");
            });
            config.routes.get("/healthz", ctx -> ctx.contentType(JSON).result("{\n  \"status\": \"ok\"\n}"));
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
        try {
            String body = readBody(ctx);
            AccountService.Caller caller = authenticate(ctx);
            if (caller.kind() != ApiKeys.Kind.SECRET) {
                throw ApiErrors.publishableKeyNotAllowed();
            }
            String version = ctx.header("Stripe-Version");
            version = version == null || version.isBlank() ? caller.accountApiVersion()
                    : ApiVersions.validate(version.trim());
            ctx.header("Stripe-Version", version);
            boolean paramsInBody = route.method() == HandlerType.POST;
            Params params = Params.of(FormDecoder.decode(paramsInBody ? body : ctx.queryString()));
            String idempotencyKey = route.method() == HandlerType.POST ? ctx.header("Idempotency-Key") : null;
            if (idempotencyKey != null) {
                ctx.header("Idempotency-Key", idempotencyKey);
            }
            ApiRequest request = new ApiRequest(requestId, route.method().name(), ctx.path(),
                    new Scope(caller.accountId(), caller.livemode()), version, idempotencyKey, params,
                    ctx.pathParamMap(), executor, expansions);
            ApiResponse response = route.handler().handle(request);
            ctx.header("Original-Request", response.replayOf() != null ? response.replayOf() : requestId);
            if (response.replayOf() != null) {
                ctx.header("Idempotent-Replayed", "true");
            }
            ctx.status(response.status()).contentType(JSON).result(response.body());
        } finally {
            MDC.remove("request_id");
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
        ctx.status(e.status()).contentType(JSON).result(ErrorJson.render(e));
    }
}
