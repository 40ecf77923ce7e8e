package dev.pinstripe.radar.external;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.failsafe.CircuitBreaker;
import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.pinstripe.radar.external.ExternalScore.Scored;
import dev.pinstripe.radar.external.ExternalScore.Unavailable;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client of the optional external fraud service (docs/radar-external.md). {@link #score} asks
 * the service for a probability of fraud and returns within the configured timeout plus
 * {@link #DEADLINE_MARGIN}, whatever the service does: when it is slow, down, answers an error
 * status or garbage, the answer is {@link Unavailable} and the payment proceeds on Radar's own
 * score. After {@link #CIRCUIT_FAILURES_MAX} failures in a row a circuit breaker (Failsafe's) skips
 * the service for {@link #CIRCUIT_OPEN}, then lets one trial call through.
 *
 * <p>Thread-safe; meant to be called from the payment's (virtual) thread. Fallbacks are counted
 * ({@link #stats}) and logged at most once per {@link #WARN_INTERVAL}, measured on the injected
 * clock. Nothing of the request but the charge attempt's ID is ever logged.
 */
public final class ExternalScorer implements AutoCloseable {
    /** Failures in a row that open the circuit. */
    public static final int CIRCUIT_FAILURES_MAX = 5;
    /** How long an open circuit skips the service before one trial call. */
    public static final Duration CIRCUIT_OPEN = Duration.ofSeconds(10);
    /**
     * The caller's own deadline is the timeout plus this: the HTTP client's timeout normally fires
     * first, and this deadline catches what it does not cover (a body that stalls after its headers).
     */
    public static final Duration DEADLINE_MARGIN = Duration.ofMillis(25);
    /** A longer answer is a bad response; a good one is a few dozen bytes. */
    public static final int RESPONSE_BYTES_MAX = 16 * 1024;
    /** At most one fallback warning per this interval; the warning says how many it stands for. */
    public static final Duration WARN_INTERVAL = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(ExternalScorer.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    private static final ObjectWriter REQUEST_JSON = JSON.writerFor(ExternalRequest.class);
    private static final ObjectReader RESPONSE_JSON = JSON.readerFor(JsonNode.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final long NEVER = Long.MIN_VALUE;

    /** One call's outcome, with what the log may say about it (never the request's data). */
    private record Attempt(ExternalScore score, String detail) {}

    /** Counters of {@link #score}'s outcomes since start. {@code errors}: error status, unreachable, bad response. */
    public record Stats(long scored, long timeouts, long errors, long circuitOpen) {
        /** Calls that fell back to Radar's own score. */
        public long fallbacks() {
            return timeouts + errors + circuitOpen;
        }
    }

    private final ExternalScoring settings;
    private final Clock clock;
    private final Duration deadline;
    private final HttpClient http;
    private final CircuitBreaker<Attempt> breaker;
    private final FailsafeExecutor<Attempt> failsafe;
    private final LongAdder scored = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder circuitOpen = new LongAdder();
    private final LongAdder fallbacksSinceWarning = new LongAdder();
    private final AtomicLong lastWarningMs = new AtomicLong(NEVER);
    private volatile boolean closed;

    /**
     * @param settings enabled settings: the composition root constructs a scorer only when a URL is set
     * @param clock    paces the fallback warnings (the circuit breaker's delay is Failsafe's own, on
     *                 the monotonic {@code System.nanoTime})
     */
    public ExternalScorer(ExternalScoring settings, Clock clock) {
        this(settings, clock, CIRCUIT_OPEN);
    }

    /** With another open-circuit delay, for tests of the half-open state. */
    ExternalScorer(ExternalScoring settings, Clock clock, Duration circuitOpen) {
        Objects.requireNonNull(settings, "settings");
        if (!settings.enabled()) {
            throw new IllegalArgumentException("the external fraud service is off (no URL): construct no scorer");
        }
        this.settings = settings;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.deadline = settings.timeout().plus(DEADLINE_MARGIN);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.breaker = CircuitBreaker.<Attempt>builder()
                .handleResultIf(a -> a.score() instanceof Unavailable)
                .withFailureThreshold(CIRCUIT_FAILURES_MAX)
                .withSuccessThreshold(1)
                .withDelay(circuitOpen)
                .onOpen(e -> log.warn("External fraud service at {} failed {} times in a row: it is skipped for {} ms"
                                + " and payments proceed on Radar's own score.", settings.url(), CIRCUIT_FAILURES_MAX,
                        circuitOpen.toMillis()))
                .onHalfOpen(e -> log.info("External fraud service at {}: trying one call.", settings.url()))
                .onClose(e -> log.info("External fraud service at {} answers again.", settings.url()))
                .build();
        this.failsafe = Failsafe.with(breaker);
    }

    public ExternalScoring settings() {
        return settings;
    }

    /**
     * Asks the service about {@code request}. Returns within {@code settings.timeout()} plus
     * {@link #DEADLINE_MARGIN} whatever happens; while the circuit is open, at once without a call.
     * An interrupted caller gets {@code Unavailable("timeout")} with its interrupt status kept.
     */
    public ExternalScore score(ExternalRequest request) {
        Objects.requireNonNull(request, "request");
        if (closed) {
            throw new IllegalStateException("the external scorer is closed");
        }
        Attempt attempt;
        try {
            attempt = failsafe.get(() -> call(request));
        } catch (CircuitBreakerOpenException e) {
            attempt = new Attempt(new Unavailable(ExternalScore.CIRCUIT_OPEN), "the circuit is open");
        }
        count(request, attempt);
        return attempt.score();
    }

    private Attempt call(ExternalRequest request) {
        byte[] body;
        try {
            body = REQUEST_JSON.writeValueAsBytes(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an external scoring request does not serialise", e);
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(settings.url())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (settings.bearerToken() != null) {
            builder.header("Authorization", "Bearer " + settings.bearerToken());
        }
        CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(builder.build(),
                info -> info.statusCode() == 200 ? new BoundedBody(RESPONSE_BYTES_MAX)
                        : HttpResponse.BodySubscribers.replacing(null));
        HttpResponse<byte[]> response;
        try {
            response = pending.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            return unavailable(ExternalScore.TIMEOUT, "no complete answer within " + deadline.toMillis() + " ms");
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            return unavailable(ExternalScore.TIMEOUT, "the caller was interrupted");
        } catch (ExecutionException e) {
            return failed(e.getCause());
        }
        if (response.statusCode() != 200) {
            return unavailable(ExternalScore.ERROR_STATUS, "status " + response.statusCode());
        }
        return parse(response.body());
    }

    private static Attempt failed(Throwable cause) {
        Throwable c = cause;
        while (c instanceof CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        if (c instanceof Error error) {
            throw error;
        }
        if (c instanceof HttpTimeoutException) {
            // The HTTP client's own timeout, connecting included (HttpConnectTimeoutException).
            return unavailable(ExternalScore.TIMEOUT, c.getClass().getSimpleName());
        }
        if (c instanceof BoundedBody.TooLarge) {
            return unavailable(ExternalScore.BAD_RESPONSE, "body over " + RESPONSE_BYTES_MAX + " bytes");
        }
        // Refused, reset, closed early, TLS, name resolution, ... The class name only: messages may
        // quote the response.
        return unavailable(ExternalScore.UNREACHABLE, c == null ? "unknown failure" : c.getClass().getSimpleName());
    }

    private static Attempt parse(byte[] body) {
        JsonNode root;
        try {
            root = RESPONSE_JSON.readValue(body);
        } catch (IOException e) {
            return unavailable(ExternalScore.BAD_RESPONSE, "the body is not JSON");
        }
        if (root == null || !root.isObject()) {
            return unavailable(ExternalScore.BAD_RESPONSE, "the body is not a JSON object");
        }
        JsonNode p = root.get("probability");
        if (p == null || !p.isNumber()) {
            return unavailable(ExternalScore.BAD_RESPONSE, "no numeric probability");
        }
        double probability = p.doubleValue();
        if (!(probability >= 0 && probability <= 1)) {
            return unavailable(ExternalScore.BAD_RESPONSE, "probability out of 0..1");
        }
        return new Attempt(new Scored(probability), null);
    }

    private static Attempt unavailable(String reason, String detail) {
        return new Attempt(new Unavailable(reason), detail);
    }

    private void count(ExternalRequest request, Attempt attempt) {
        switch (attempt.score()) {
            case Scored s -> scored.increment();
            case Unavailable u -> {
                switch (u.reason()) {
                    case ExternalScore.TIMEOUT -> timeouts.increment();
                    case ExternalScore.CIRCUIT_OPEN -> circuitOpen.increment();
                    default -> errors.increment();
                }
                warn(request, u, attempt.detail());
            }
        }
    }

    /** Logs a fallback unless one was logged less than {@link #WARN_INTERVAL} ago (by the clock). */
    private void warn(ExternalRequest request, Unavailable u, String detail) {
        fallbacksSinceWarning.increment();
        long now = clock.millis();
        long last = lastWarningMs.get();
        if (last != NEVER && now - last < WARN_INTERVAL.toMillis()) {
            return;
        }
        if (!lastWarningMs.compareAndSet(last, now)) {
            return;
        }
        long fallbacks = fallbacksSinceWarning.sumThenReset();
        log.warn("External fraud service unavailable ({}: {}) for charge attempt {}: it proceeds on Radar's own score."
                        + " {} fallback(s) since the last warning (at most one warning per {} s).", u.reason(), detail,
                request.chargeAttemptId(), fallbacks, WARN_INTERVAL.toSeconds());
    }

    public Stats stats() {
        return new Stats(scored.sum(), timeouts.sum(), errors.sum(), circuitOpen.sum());
    }

    /** Aborts calls in flight and releases the HTTP client's connections and threads. Idempotent. */
    @Override
    public void close() {
        closed = true;
        http.shutdownNow();
    }

    /**
     * How an external probability combines with Radar's own: {@code weight * external + (1 - weight)
     * * own}, clamped to [0, 1].
     */
    public static double combine(double own, double external, double weight) {
        if (!Double.isFinite(own) || !Double.isFinite(external)) {
            throw new IllegalArgumentException("probabilities are finite numbers, not " + own + " and " + external);
        }
        if (!(weight >= 0 && weight <= 1)) {
            throw new IllegalArgumentException("the weight is between 0 and 1, not " + weight);
        }
        double combined = weight * external + (1 - weight) * own;
        return Math.max(0, Math.min(1, combined));
    }
}
