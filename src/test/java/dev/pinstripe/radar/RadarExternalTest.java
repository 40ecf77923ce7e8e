package dev.pinstripe.radar;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.pinstripe.api.Scope;
import dev.pinstripe.geoip.IpCountries;
import dev.pinstripe.radar.external.ExternalScorer;
import dev.pinstripe.radar.external.ExternalScoring;
import dev.pinstripe.radar.lists.ValueLists;
import dev.pinstripe.testing.TestServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Radar with an external fraud service: its score is blended into the model's, and when it hangs
 * the payment is scored on the model alone, within the timeout.
 */
class RadarExternalTest {
    static TestServer server;
    static Jdbi jdbi;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        jdbi = server.pinstripe().database().jdbi();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static PaymentSignals payment() {
        return new PaymentSignals(server.clock.instant().getEpochSecond(), 2_500, "usd", 2_500, "fp_external",
                "visa", "credit", "US", null, null, "203.0.113.7", null, null, null, null, null, null, Map.of(),
                false);
    }

    private static Assessment assess(Radar radar) {
        Scope scope = new Scope("acct_external" + System.nanoTime(), false);
        return jdbi.inTransaction(h -> radar.assess(h, scope, payment(), null));
    }

    private static HttpServer service(String body, CountDownLatch hang, AtomicInteger hits) throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/score", exchange -> {
            hits.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            if (hang != null) {
                try {
                    hang.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, b.length);
            exchange.getResponseBody().write(b);
            exchange.close();
        });
        http.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        http.start();
        return http;
    }

    private static Radar radar(ExternalScorer scorer) {
        return new Radar(RiskModel.bundled(), new StoredHistories(jdbi, server.clock), new ValueLists(), null, true,
                scorer, IpCountries.NONE);
    }

    @Test
    void theServicesScoreIsBlendedIntoTheModels() throws Exception {
        AtomicInteger hits = new AtomicInteger();
        HttpServer http = service("{\"probability\": 1.0}", null, hits);
        ExternalScoring settings = new ExternalScoring(URI.create("http://127.0.0.1:" + http.getAddress().getPort()
                + "/score"), Duration.ofMillis(500), null, 1.0);
        try (ExternalScorer scorer = new ExternalScorer(settings, server.clock)) {
            Assessment own = assess(radar(null));
            Assessment blended = assess(radar(scorer));
            assertThat(hits.get()).isEqualTo(1);
            // Weight 1: the service's certainty of fraud decides, and the default rule blocks.
            assertThat(blended.evidence().probability()).isEqualTo(1.0);
            assertThat(blended.riskLevel()).isEqualTo("highest");
            assertThat(blended.verdict()).isEqualTo(Assessment.Verdict.BLOCK);
            assertThat(own.evidence().probability()).isLessThan(1.0);
        } finally {
            http.stop(0);
        }
    }

    @Test
    void aHangingServiceFallsBackToTheModelWithinTheTimeout() throws Exception {
        CountDownLatch hang = new CountDownLatch(1);
        AtomicInteger hits = new AtomicInteger();
        HttpServer http = service("{\"probability\": 1.0}", hang, hits);
        ExternalScoring settings = new ExternalScoring(URI.create("http://127.0.0.1:" + http.getAddress().getPort()
                + "/score"), Duration.ofMillis(50), null, 1.0);
        try (ExternalScorer scorer = new ExternalScorer(settings, server.clock)) {
            Assessment own = assess(radar(null));
            long start = System.nanoTime();
            Assessment fallback = assess(radar(scorer));
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(fallback.evidence().probability()).isEqualTo(own.evidence().probability());
            assertThat(fallback.riskScore()).isEqualTo(own.riskScore());
            assertThat(scorer.stats().timeouts()).isEqualTo(1);
            // A bound on the hang, not a speed measurement: far below the service's endless wait.
            assertThat(tookMillis).isLessThan(2_000);
        } finally {
            hang.countDown();
            http.stop(0);
        }
    }
}
