package dev.pinstripe.radar.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pinstripe.radar.external.ExternalScore.Scored;
import dev.pinstripe.radar.external.ExternalScore.Unavailable;
import dev.pinstripe.testing.ManualClock;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * The external fraud service client against a real HTTP server on a random local port, which plays
 * the fraud service (answers, errors, garbage, a hang). The test never sleeps; the fake service's
 * hang is released when each test ends.
 */
class ExternalScorerTest {
    /** A bound on how long a hung service can hold the caller (timeout 50 ms), not a speed measurement. */
    static final Duration HANG_BOUND = Duration.ofSeconds(1);
    /** Generous for the calls that should succeed, on a loaded two-core machine with a cold JIT. */
    static final Duration GENEROUS = Duration.ofSeconds(2);
    static final Duration SHORT = Duration.ofMillis(50);

    final ObjectMapper json = new ObjectMapper();
    final ManualClock clock = ManualClock.atTheStartOf2026();
    final ExecutorService serverThreads = Executors.newVirtualThreadPerTaskExecutor();
    final CountDownLatch releaseHangs = new CountDownLatch(1);
    final AtomicInteger hits = new AtomicInteger();
    final List<Received> received = java.util.Collections.synchronizedList(new ArrayList<>());
    final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    final Logger scorerLog = (Logger) LoggerFactory.getLogger(ExternalScorer.class);
    final List<ExternalScorer> scorers = new ArrayList<>();
    HttpServer server;
    volatile Behaviour behaviour = answer(200, "{\"probability\": 0.5}");

    record Received(String method, String contentType, String authorization, String body) {}

    interface Behaviour {
        void handle(HttpExchange exchange) throws IOException, InterruptedException;
    }

    @BeforeEach
    void startTheFakeService() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(serverThreads);
        server.createContext("/score", exchange -> {
            hits.incrementAndGet();
            try (exchange) {
                received.add(new Received(exchange.getRequestMethod(),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                behaviour.handle(exchange);
            } catch (IOException | InterruptedException e) {
                // The client gave up (a timeout): nothing to answer.
            }
        });
        server.start();
        logs.start();
        scorerLog.addAppender(logs);
        scorerLog.setLevel(Level.WARN);
    }

    @AfterEach
    void stopTheFakeService() {
        releaseHangs.countDown();
        scorers.forEach(ExternalScorer::close);
        server.stop(0);
        serverThreads.shutdownNow();
        scorerLog.detachAppender(logs);
        scorerLog.setLevel(null);
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/score");
    }

    ExternalScorer scorer(Duration timeout, String token) {
        return scorer(new ExternalScoring(url(), timeout, token, 0.5));
    }

    ExternalScorer scorer(ExternalScoring settings) {
        ExternalScorer s = new ExternalScorer(settings, clock);
        scorers.add(s);
        return s;
    }

    static Behaviour answer(int status, String body) {
        return exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        };
    }

    /** The fake service hangs for 2 s (or until the test ends) before answering. */
    Behaviour hangThenAnswer() {
        return exchange -> {
            releaseHangs.await(2, TimeUnit.SECONDS);
            answer(200, "{\"probability\": 0.9}").handle(exchange);
        };
    }

    static ExternalRequest payment() {
        return new ExternalRequest("ch_3Pexternal01", 1999, "eur", 2150, "fp_card_abc", "visa", "DE", "cus_42",
                "jenny@example.com", "203.0.113.7", Map.of("order", "42"), 0.12);
    }

    @Test
    void aScoreIsParsedAndTheServiceReceivesThePaymentAsSnakeCaseJsonWithTheToken() throws IOException {
        behaviour = answer(200, "{\"probability\": 0.82, \"model\": \"ignored\"}");
        ExternalScorer scorer = scorer(GENEROUS, "tok_secret_123");

        assertThat(scorer.score(payment())).isEqualTo(new Scored(0.82));

        assertThat(received).hasSize(1);
        Received r = received.get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.contentType()).isEqualTo("application/json");
        assertThat(r.authorization()).isEqualTo("Bearer tok_secret_123");
        JsonNode body = json.readTree(r.body());
        List<String> fields = new ArrayList<>();
        body.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyInAnyOrder("charge_attempt_id", "amount", "currency", "amount_usd_cents",
                "card_fingerprint", "card_brand", "card_country", "customer", "email", "ip_address", "metadata",
                "radar_probability");
        assertThat(body.get("charge_attempt_id").asText()).isEqualTo("ch_3Pexternal01");
        assertThat(body.get("amount").asLong()).isEqualTo(1999);
        assertThat(body.get("currency").asText()).isEqualTo("eur");
        assertThat(body.get("amount_usd_cents").asLong()).isEqualTo(2150);
        assertThat(body.get("card_fingerprint").asText()).isEqualTo("fp_card_abc");
        assertThat(body.get("card_brand").asText()).isEqualTo("visa");
        assertThat(body.get("card_country").asText()).isEqualTo("DE");
        assertThat(body.get("customer").asText()).isEqualTo("cus_42");
        assertThat(body.get("email").asText()).isEqualTo("jenny@example.com");
        assertThat(body.get("ip_address").asText()).isEqualTo("203.0.113.7");
        assertThat(body.get("metadata").get("order").asText()).isEqualTo("42");
        assertThat(body.get("radar_probability").asDouble()).isEqualTo(0.12);
        assertThat(scorer.stats()).isEqualTo(new ExternalScorer.Stats(1, 0, 0, 0));
        assertThat(logs.list).isEmpty();
    }

    @Test
    void unknownFactsAreSentAsNullsAndNoTokenMeansNoAuthorizationHeader() throws IOException {
        ExternalScorer scorer = scorer(GENEROUS, null);
        ExternalRequest sparse = new ExternalRequest("ch_sparse", 500, "usd", 500, null, null, null, null, null, null,
                null, 0.0);

        assertThat(scorer.score(sparse)).isEqualTo(new Scored(0.5));

        Received r = received.get(0);
        assertThat(r.authorization()).isNull();
        JsonNode body = json.readTree(r.body());
        assertThat(body.get("email").isNull()).isTrue();
        assertThat(body.get("card_fingerprint").isNull()).isTrue();
        assertThat(body.get("metadata").isObject()).isTrue();
        assertThat(body.get("metadata").size()).isZero();
    }

    @Test
    void aHungServiceTimesOutAndReleasesTheCallerLongBeforeItAnswers() {
        behaviour = hangThenAnswer();
        ExternalScorer scorer = scorer(SHORT, null);

        long start = System.nanoTime();
        ExternalScore score = scorer.score(payment());
        Duration held = Duration.ofNanos(System.nanoTime() - start);

        assertThat(score).isEqualTo(new Unavailable("timeout"));
        assertThat(held).isLessThan(HANG_BOUND);
        assertThat(scorer.stats()).isEqualTo(new ExternalScorer.Stats(0, 1, 0, 0));
    }

    @Test
    void aServiceThatStallsAfterItsHeadersTimesOutToo() {
        // Headers and half a body, then nothing: the HTTP client's own timeout may not cover the body,
        // the caller's deadline does.
        behaviour = exchange -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write("{\"probability\": ".getBytes(StandardCharsets.UTF_8));
            out.flush();
            releaseHangs.await(2, TimeUnit.SECONDS);
            out.write("0.9}".getBytes(StandardCharsets.UTF_8));
        };
        ExternalScorer scorer = scorer(SHORT, null);

        long start = System.nanoTime();
        ExternalScore score = scorer.score(payment());
        Duration held = Duration.ofNanos(System.nanoTime() - start);

        assertThat(score).isEqualTo(new Unavailable("timeout"));
        assertThat(held).isLessThan(HANG_BOUND);
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 503, 429, 404, 401, 201, 204})
    void anyStatusButOkIsAnErrorStatus(int status) {
        behaviour = answer(status, status == 204 ? "" : "{\"probability\": 0.1}");
        ExternalScorer scorer = scorer(GENEROUS, null);

        assertThat(scorer.score(payment())).isEqualTo(new Unavailable("error_status"));
        assertThat(scorer.stats()).isEqualTo(new ExternalScorer.Stats(0, 0, 1, 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"probability\": 1.5}", "{\"probability\": -0.01}",
            "{\"probability\": \"0.5\"}", "{\"probability\": null}", "{\"score\": 0.5}", "[0.5]", "0.5", "",
            "{\"probability\": 0.5} trailing", "{\"probability\": 1e400}", "{\"probability\": 0.5"})
    void garbageOrAProbabilityOutOfRangeIsABadResponse(String body) {
        behaviour = answer(200, body);
        ExternalScorer scorer = scorer(GENEROUS, null);

        assertThat(scorer.score(payment())).isEqualTo(new Unavailable("bad_response"));
        assertThat(scorer.stats()).isEqualTo(new ExternalScorer.Stats(0, 0, 1, 0));
    }

    @Test
    void anOversizedAnswerIsABadResponse() {
        behaviour = answer(200, "{\"probability\": 0.5, \"padding\": \"" + "x".repeat(ExternalScorer.RESPONSE_BYTES_MAX)
                + "\"}");
        ExternalScorer scorer = scorer(GENEROUS, null);

        assertThat(scorer.score(payment())).isEqualTo(new Unavailable("bad_response"));
    }

    @Test
    void nothingListeningIsUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        ExternalScorer scorer = scorer(new ExternalScoring(URI.create("http://127.0.0.1:" + closedPort + "/score"),
                GENEROUS, null, 0.5));

        assertThat(scorer.score(payment())).isEqualTo(new Unavailable("unreachable"));
        assertThat(scorer.stats()).isEqualTo(new ExternalScorer.Stats(0, 0, 1, 0));
    }

    @Test
    void fiveFailuresInARowOpenTheCircuitAndTheNextCallDoesNotReachTheService() {
        behaviour = answer(500, "{}");
        ExternalScorer scorer = scorer(GENEROUS, null);

        for (int i = 0; i < ExternalScorer.CIRCUIT_FAILURES_MAX; i++) {
            assertThat(scorer.score(payment())).isEqualTo(new Unavailable("error_status"));
        }
        assertThat(hits).hasValue(ExternalScorer.CIRCUIT_FAILURES_MAX);

        behaviour = answer(200, "{\"probability\": 0.3}");
        assertThat(scorer.score(payment())).isEqualTo(new Unavailable("circuit_open"));
        assertThat(scorer.score(payment())).isEqualTo(new Unavailable("circuit_open"));
        assertThat(hits).hasValue(ExternalScorer.CIRCUIT_FAILURES_MAX);
        assertThat(scorer.stats()).isEqualTo(new ExternalScorer.Stats(0, 0, 5, 2));
        assertThat(scorer.stats().fallbacks()).isEqualTo(7);
    }

    @Test
    void aSuccessBetweenFailuresKeepsTheCircuitClosed() {
        ExternalScorer scorer = scorer(GENEROUS, null);
        for (int round = 0; round < 2; round++) {
            behaviour = answer(500, "{}");
            for (int i = 0; i < ExternalScorer.CIRCUIT_FAILURES_MAX - 1; i++) {
                scorer.score(payment());
            }
            behaviour = answer(200, "{\"probability\": 0.3}");
            assertThat(scorer.score(payment())).isEqualTo(new Scored(0.3));
        }
        assertThat(scorer.stats().circuitOpen()).isZero();
    }

    @Test
    void afterTheOpenDelayOneTrialCallGoesThroughAndASuccessClosesTheCircuit() {
        // A zero delay stands for "the delay has passed": Failsafe times it, not the injected clock.
        ExternalScorer scorer = new ExternalScorer(new ExternalScoring(url(), GENEROUS, null, 0.5), clock,
                Duration.ZERO);
        scorers.add(scorer);
        behaviour = answer(500, "{}");
        for (int i = 0; i < ExternalScorer.CIRCUIT_FAILURES_MAX; i++) {
            scorer.score(payment());
        }
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(m -> m.contains("failed 5 times in a row"));

        behaviour = answer(200, "{\"probability\": 0.4}");
        assertThat(scorer.score(payment())).isEqualTo(new Scored(0.4));
        assertThat(scorer.score(payment())).isEqualTo(new Scored(0.4));
        assertThat(hits).hasValue(ExternalScorer.CIRCUIT_FAILURES_MAX + 2);
        assertThat(scorer.stats()).isEqualTo(new ExternalScorer.Stats(2, 0, 5, 0));
    }

    @Test
    void fallbacksAreLoggedAtMostOncePerIntervalAndWithoutCardOrCustomerData() {
        behaviour = answer(503, "{}");
        ExternalScorer scorer = scorer(GENEROUS, "tok_secret_123");

        scorer.score(payment());
        scorer.score(payment());
        scorer.score(payment());
        assertThat(fallbackWarnings()).hasSize(1);

        clock.advance(ExternalScorer.WARN_INTERVAL.minusMillis(1));
        scorer.score(payment());
        assertThat(fallbackWarnings()).hasSize(1);

        clock.advance(Duration.ofMillis(1));
        scorer.score(payment());
        assertThat(fallbackWarnings()).hasSize(2);
        assertThat(fallbackWarnings().get(0)).contains("error_status", "status 503", "ch_3Pexternal01",
                "1 fallback(s)");
        assertThat(fallbackWarnings().get(1)).contains("4 fallback(s)");

        // Five failures opened the circuit: its one warning, then circuit_open fallbacks, still paced.
        scorer.score(payment());
        assertThat(fallbackWarnings()).hasSize(2);
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).allSatisfy(m -> assertThat(m)
                .doesNotContain("fp_card_abc", "jenny@example.com", "203.0.113.7", "cus_42", "tok_secret_123"));
    }

    List<String> fallbackWarnings() {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.startsWith("External fraud service unavailable")).toList();
    }

    @Test
    void concurrentCallersFromVirtualThreadsAreEachScored() throws Exception {
        ExternalScorer scorer = scorer(GENEROUS, null);
        int callers = 20;
        List<Future<ExternalScore>> scores = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < callers; i++) {
                scores.add(threads.submit(() -> scorer.score(payment())));
            }
        }
        for (Future<ExternalScore> f : scores) {
            assertThat(f.get()).isEqualTo(new Scored(0.5));
        }
        assertThat(scorer.stats().scored()).isEqualTo(callers);
        assertThat(hits).hasValue(callers);
    }

    @Test
    void aClosedScorerRefusesToScore() {
        ExternalScorer scorer = scorer(GENEROUS, null);
        scorer.close();
        scorer.close();

        assertThatThrownBy(() -> scorer.score(payment())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void combineWeighsTheExternalProbabilityAgainstRadarsOwn() {
        assertThat(ExternalScorer.combine(0.2, 0.8, 0.5)).isCloseTo(0.5, within(1e-12));
        assertThat(ExternalScorer.combine(0.2, 0.8, 0.25)).isCloseTo(0.35, within(1e-12));
        assertThat(ExternalScorer.combine(0.2, 0.8, 0.0)).isEqualTo(0.2);
        assertThat(ExternalScorer.combine(0.2, 0.8, 1.0)).isEqualTo(0.8);
        assertThat(ExternalScorer.combine(1.3, 1.0, 0.5)).isEqualTo(1.0);
        assertThat(ExternalScorer.combine(-0.4, 0.0, 0.5)).isEqualTo(0.0);
        assertThatThrownBy(() -> ExternalScorer.combine(0.2, 0.8, 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExternalScorer.combine(0.2, 0.8, -0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExternalScorer.combine(Double.NaN, 0.8, 0.5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theEnvironmentConfiguresTheServiceWithDefaults() {
        ExternalScoring s = ExternalScoring.fromEnvironment(Map.of("PINSTRIPE_RADAR_EXTERNAL_URL",
                "https://fraud.internal.example/v1/score"));

        assertThat(s.enabled()).isTrue();
        assertThat(s.url()).isEqualTo(URI.create("https://fraud.internal.example/v1/score"));
        assertThat(s.timeout()).isEqualTo(Duration.ofMillis(50));
        assertThat(s.bearerToken()).isNull();
        assertThat(s.weight()).isEqualTo(0.5);
    }

    @Test
    void theEnvironmentSetsEveryValue() {
        ExternalScoring s = ExternalScoring.fromEnvironment(Map.of(
                "PINSTRIPE_RADAR_EXTERNAL_URL", " http://127.0.0.1:9000/score ",
                "PINSTRIPE_RADAR_EXTERNAL_TIMEOUT_MS", "120",
                "PINSTRIPE_RADAR_EXTERNAL_TOKEN", "tok_secret_123",
                "PINSTRIPE_RADAR_EXTERNAL_WEIGHT", "0.25"));

        assertThat(s).isEqualTo(new ExternalScoring(URI.create("http://127.0.0.1:9000/score"), Duration.ofMillis(120),
                "tok_secret_123", 0.25));
        assertThat(s.toString()).doesNotContain("tok_secret_123");
    }

    @Test
    void withoutAUrlTheServiceIsOffAndNoScorerIsConstructed() {
        assertThat(ExternalScoring.fromEnvironment(Map.of()).enabled()).isFalse();
        assertThat(ExternalScoring.fromEnvironment(Map.of("PINSTRIPE_RADAR_EXTERNAL_URL", "  ")).enabled()).isFalse();
        assertThat(ExternalScoring.DISABLED.enabled()).isFalse();
        assertThatThrownBy(() -> new ExternalScorer(ExternalScoring.DISABLED, clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("off");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PINSTRIPE_RADAR_EXTERNAL_TIMEOUT_MS=abc", "PINSTRIPE_RADAR_EXTERNAL_TIMEOUT_MS=0",
            "PINSTRIPE_RADAR_EXTERNAL_TIMEOUT_MS=-5", "PINSTRIPE_RADAR_EXTERNAL_TIMEOUT_MS=1.5",
            "PINSTRIPE_RADAR_EXTERNAL_TIMEOUT_MS=10001", "PINSTRIPE_RADAR_EXTERNAL_WEIGHT=1.5",
            "PINSTRIPE_RADAR_EXTERNAL_WEIGHT=-0.1", "PINSTRIPE_RADAR_EXTERNAL_WEIGHT=half",
            "PINSTRIPE_RADAR_EXTERNAL_WEIGHT=NaN", "PINSTRIPE_RADAR_EXTERNAL_URL=ftp://fraud.example/score",
            "PINSTRIPE_RADAR_EXTERNAL_URL=/relative/score", "PINSTRIPE_RADAR_EXTERNAL_URL=http://bad host/score"})
    void invalidEnvironmentValuesAreRejectedNamingTheVariable(String assignment) {
        String name = assignment.substring(0, assignment.indexOf('='));
        Map<String, String> env = new HashMap<>();
        env.put("PINSTRIPE_RADAR_EXTERNAL_URL", "https://fraud.example/score");
        env.put(name, assignment.substring(assignment.indexOf('=') + 1));

        assertThatThrownBy(() -> ExternalScoring.fromEnvironment(env)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(name);
    }

    @Test
    void credentialsInTheUrlOrABadTokenAreRejectedWithoutEchoingThem() {
        assertThatThrownBy(() -> ExternalScoring.fromEnvironment(Map.of("PINSTRIPE_RADAR_EXTERNAL_URL",
                "https://user:hunter2@fraud.example/score")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("credentials")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> ExternalScoring.fromEnvironment(Map.of("PINSTRIPE_RADAR_EXTERNAL_URL",
                "https://fraud.example/score", "PINSTRIPE_RADAR_EXTERNAL_TOKEN", "two words")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PINSTRIPE_RADAR_EXTERNAL_TOKEN")
                .hasMessageNotContaining("two words");
    }
}
