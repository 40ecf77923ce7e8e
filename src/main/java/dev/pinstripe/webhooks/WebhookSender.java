package dev.pinstripe.webhooks;

import dev.pinstripe.events.EventJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one attempt of a claimed delivery: an HTTP POST of the event, signed, with a hard deadline
 * over the whole exchange (connection, request, response body). Redirects are not followed, and at
 * most {@link WebhookSettings#responseBodyMax()} bytes of the response are read.
 */
final class WebhookSender implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
    static final String USER_AGENT = "Stripe/1.0 (+https://stripe.com/docs/webhooks)";
    static final String CONTENT_TYPE = "application/json; charset=utf-8";
    private static final Duration CONNECT_TIMEOUT_MAX = Duration.ofSeconds(10);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(1);

    private final WebhookSettings settings;
    private final Clock clock;
    private final ExecutorService clientExecutor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient client;

    WebhookSender(WebhookSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        Duration connectTimeout = settings.timeout().compareTo(CONNECT_TIMEOUT_MAX) < 0 ? settings.timeout()
                : CONNECT_TIMEOUT_MAX;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .executor(clientExecutor)
                .build();
    }

    /** Sends the delivery, or cancels it if it is not deliverable. Never throws. */
    /** Sends within one attempt: the first, and one more when a pooled connection was stale. */
    static final int SENDS_PER_ATTEMPT_MAX = 2;

    AttemptResult attempt(Claim claim) {
        long startedAt = clock.millis();
        if (!claim.deliverable()) {
            return AttemptResult.canceled(claim, startedAt);
        }
        long startNanos = System.nanoTime();
        try {
            return send(claim, startedAt, startNanos);
        } catch (RuntimeException e) {
            log.error("Webhook delivery {} (attempt {}) failed unexpectedly", claim.deliveryId(), claim.attempt(), e);
            return AttemptResult.error(claim, startedAt, elapsedMs(startNanos), "internal error: "
                    + e.getClass().getSimpleName());
        }
    }

    private AttemptResult send(Claim claim, long startedAt, long startNanos) {
        URI uri;
        try {
            uri = URI.create(claim.url());
        } catch (IllegalArgumentException e) {
            return AttemptResult.error(claim, startedAt, elapsedMs(startNanos), "invalid URL");
        }
        if (!settings.allowPrivateTargets()) {
            String refusal = uri.getHost() == null ? "invalid URL" : WebhookUrls.refusal(uri.getHost());
            if (refusal != null) {
                return AttemptResult.error(claim, startedAt, elapsedMs(startNanos), refusal);
            }
        }
        String payload = EventJson.payload(claim.event(), claim.event().endpoints());
        long nowSeconds = clock.instant().getEpochSecond();
        List<String> secrets = WebhookSignature.signingSecrets(claim.secret(), claim.previousSecret(),
                claim.previousSecretExpiresAt(), nowSeconds);
        String signature = WebhookSignature.header(nowSeconds, payload, secrets);
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(uri)
                    .timeout(settings.timeout())
                    .header("Content-Type", CONTENT_TYPE)
                    .header("User-Agent", USER_AGENT)
                    .header(WebhookSignature.HEADER, signature)
                    .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8))
                    .build();
        } catch (IllegalArgumentException e) {
            return AttemptResult.error(claim, startedAt, elapsedMs(startNanos), "invalid URL");
        }
        long deadlineNanos = startNanos + settings.timeout().toNanos();
        for (int send = 1; ; send++) {
            CompletableFuture<HttpResponse<byte[]>> response =
                    client.sendAsync(request, info -> new CappedBody(settings.responseBodyMax()));
            try {
                HttpResponse<byte[]> r = response.get(Math.max(1, deadlineNanos - System.nanoTime()),
                        TimeUnit.NANOSECONDS);
                String body = new String(r.body(), StandardCharsets.UTF_8);
                return AttemptResult.response(claim, startedAt, elapsedMs(startNanos), r.statusCode(), body);
            } catch (TimeoutException e) {
                response.cancel(true);
                return AttemptResult.error(claim, startedAt, elapsedMs(startNanos), timedOut());
            } catch (ExecutionException e) {
                if (send < SENDS_PER_ATTEMPT_MAX && staleConnection(e.getCause())) {
                    continue; // the receiver closed a pooled connection as it was reused: send again at once
                }
                return AttemptResult.error(claim, startedAt, elapsedMs(startNanos), describe(e.getCause()));
            } catch (InterruptedException e) {
                response.cancel(true);
                Thread.currentThread().interrupt();
                return AttemptResult.error(claim, startedAt, elapsedMs(startNanos), "interrupted (shutting down)");
            }
        }
    }

    /**
     * The JDK client's report that a kept-alive connection was closed by the receiver before any byte
     * of a response: the receiver dropped the idle connection just as it was reused (receivers that
     * cap their idle connections do this under load). One more send on a fresh connection is what
     * every HTTP client does; a receiver that did read the request sees it twice, which
     * at-least-once delivery allows.
     */
    private static boolean staleConnection(Throwable cause) {
        return cause instanceof IOException e && e.getMessage() != null
                && e.getMessage().contains("received no bytes");
    }

    private String timedOut() {
        return "timed out after " + settings.timeout().toMillis() + " ms";
    }

    private String describe(Throwable cause) {
        return switch (cause) {
            case HttpConnectTimeoutException e -> "connection timed out";
            case HttpTimeoutException e -> timedOut();
            case ConnectException e -> "connection refused";
            case IOException e -> e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
            default -> cause.getClass().getSimpleName();
        };
    }

    private static int elapsedMs(long startNanos) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - startNanos) / 1_000_000);
    }

    /** Closes the client; exchanges still open after {@link #CLOSE_WAIT} are aborted. */
    @Override
    public void close() {
        client.shutdown();
        try {
            if (!client.awaitTermination(CLOSE_WAIT)) {
                client.shutdownNow();
            }
        } catch (InterruptedException e) {
            client.shutdownNow();
            Thread.currentThread().interrupt();
        }
        clientExecutor.shutdownNow();
    }

    /**
     * Collects at most {@code cap} bytes of a response body, then cancels the subscription: the rest
     * is never read (the connection is closed instead of drained).
     */
    static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int cap;
        private final ByteArrayOutputStream bytes;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        CappedBody(int cap) {
            this.cap = cap;
            this.bytes = new ByteArrayOutputStream(Math.min(cap, 1024));
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (cap == 0) {
                s.cancel();
                result.complete(new byte[0]);
            } else {
                s.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                int n = Math.min(buffer.remaining(), cap - bytes.size());
                byte[] chunk = new byte[n];
                buffer.get(chunk);
                bytes.write(chunk, 0, n);
                if (bytes.size() >= cap) {
                    subscription.cancel();
                    result.complete(bytes.toByteArray());
                    return;
                }
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }
}
