package dev.pinstripe.loadgen;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;

/** Turns a {@link RequestSpec} into a JDK request against one server with one API key. */
public final class RequestFactory {

    private final String baseUrl;
    private final String authorization;
    private final Duration timeout;

    public RequestFactory(URI baseUrl, String secretKey, Duration timeout) {
        String text = baseUrl.toString();
        // Concatenated rather than URI.resolve(), which would drop a path prefix in the base URL.
        this.baseUrl = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        this.authorization = "Bearer " + secretKey;
        this.timeout = timeout;
    }

    public HttpRequest build(RequestSpec spec) {
        return build(spec, timeout);
    }

    /** With a timeout of its own: the rest of an operation's time, for the later requests of a sequence. */
    public HttpRequest build(RequestSpec spec, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + spec.path()))
                .timeout(timeout)
                .header("Authorization", authorization)
                .header("User-Agent", "pinstripe-loadgen");
        if (spec.idempotencyKey() != null) {
            builder.header("Idempotency-Key", spec.idempotencyKey());
        }
        if (spec.formBody() != null) {
            builder.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(spec.method(), BodyPublishers.ofString(spec.formBody()));
        } else {
            builder.method(spec.method(), BodyPublishers.noBody());
        }
        return builder.build();
    }

    /** The per-request timeout, which is also the longest one operation may take. */
    public Duration timeout() {
        return timeout;
    }
}
