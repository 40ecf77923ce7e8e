package dev.pinstripe.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * One authenticated API request as resources see it: who is asking (scope), its parameters and
 * path parameters, and how to run work against the database. The HTTP layer builds it.
 */
public final class ApiRequest {
    private final String requestId;
    private final String method;
    private final String path;
    private final Scope scope;
    private final String apiVersion;
    private final String idempotencyKey;
    private final Params params;
    private final Map<String, String> pathParams;
    private final RequestExecutor executor;
    private final Expansions expansions;
    private final String clientIp;

    public ApiRequest(String requestId, String method, String path, Scope scope, String apiVersion,
            String idempotencyKey, Params params, Map<String, String> pathParams, RequestExecutor executor,
            Expansions expansions) {
        this(requestId, method, path, scope, apiVersion, idempotencyKey, params, pathParams, executor, expansions,
                null);
    }

    /** @param clientIp the caller's IP address (Radar's signal), null when unknown */
    public ApiRequest(String requestId, String method, String path, Scope scope, String apiVersion,
            String idempotencyKey, Params params, Map<String, String> pathParams, RequestExecutor executor,
            Expansions expansions, String clientIp) {
        this.clientIp = clientIp;
        this.requestId = requestId;
        this.method = method;
        this.path = path;
        this.scope = scope;
        this.apiVersion = apiVersion;
        this.idempotencyKey = idempotencyKey;
        this.params = params;
        this.pathParams = pathParams;
        this.executor = executor;
        this.expansions = expansions;
    }

    /** Runs database work for a mutating request: idempotently when the request has a key. */
    public ApiResponse execute(Operation operation) {
        return executor.execute(this, operation);
    }

    /** A mutating request that is a single transaction. */
    public ApiResponse execute(Function<Handle, ApiResponse> work) {
        return execute(Operation.single(work));
    }

    /** Runs read-only database work. */
    public ApiResponse read(Function<Handle, ApiResponse> work) {
        return executor.read(this, work);
    }

    /** Renders an object or list with the request's {@code expand[]} applied. */
    public ApiResponse respond(Handle handle, ObjectNode body, List<String> expand) {
        expansions.expand(handle, scope, body, expand);
        return ApiResponse.ok(Json.pretty(body));
    }

    /** Checks {@code expand[]} against the response type before anything executes. */
    public List<String> expand(String responseType, String itemType) {
        List<String> expand = params.expand();
        expansions.validate(responseType, itemType, expand);
        return expand;
    }

    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalStateException("route has no path parameter " + name);
        }
        return value;
    }

    public String clientIp() {
        return clientIp;
    }

    public String requestId() {
        return requestId;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public Scope scope() {
        return scope;
    }

    public String apiVersion() {
        return apiVersion;
    }

    /** The Idempotency-Key header of a POST, or null. */
    public String idempotencyKey() {
        return idempotencyKey;
    }

    public Params params() {
        return params;
    }

    /** How requests reach the database; implemented by the idempotency layer. */
    public interface RequestExecutor {
        ApiResponse execute(ApiRequest request, Operation operation);

        ApiResponse read(ApiRequest request, Function<Handle, ApiResponse> work);
    }
}
