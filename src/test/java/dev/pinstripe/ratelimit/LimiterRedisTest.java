package dev.pinstripe.ratelimit;

import static dev.pinstripe.ratelimit.Requests.rejected;
import static dev.pinstripe.ratelimit.Requests.run;
import static dev.pinstripe.ratelimit.Requests.runAdmitted;
import static dev.pinstripe.ratelimit.Requests.testRead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.pinstripe.testing.ManualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Rate buckets in Redis: shared by processes, and replaced by each process's own buckets while Redis
 * does not answer. Needs a Redis ({@link TestRedis}); each test writes under its own key prefix and
 * deletes it afterwards.
 */
class LimiterRedisTest {
    /** Long enough that the background probe never runs during a test: the tests probe by hand. */
    static final Duration PROBE_BY_HAND = Duration.ofHours(1);
    static final Duration TIMEOUT = Duration.ofMillis(100);

    final ManualClock clock = ManualClock.atTheStartOf2026();
    final String prefix = TestRedis.uniquePrefix();
    final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    final Logger redisLog = (Logger) LoggerFactory.getLogger(RedisBuckets.class);
    boolean redisReached;

    @BeforeEach
    void requireRedisAndCaptureLogs() {
        TestRedis.require();
        redisReached = true;
        logs.start();
        redisLog.addAppender(logs);
        redisLog.setLevel(Level.INFO);
    }

    @AfterEach
    void cleanUp() {
        if (!redisReached) {
            return;
        }
        redisLog.detachAppender(logs);
        redisLog.setLevel(null);
        TestRedis.deleteKeys(prefix);
    }

    LimitSettings settings(String url) {
        return LimitSettings.defaults().withRedis(url, prefix).withRedisTiming(TIMEOUT, PROBE_BY_HAND);
    }

    List<String> messages(Level level) {
        return logs.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void twoProcessesOnOneRedisShareOneLimit() {
        try (Limiters a = new Limiters(settings(TestRedis.URL), clock);
                Limiters b = new Limiters(settings(TestRedis.URL), clock)) {
            assertThat(a.stats().distributed()).isTrue();
            assertThat(a.stats().redisAvailable()).isTrue();

            for (int i = 0; i < 25; i++) {
                assertThat(run(i % 2 == 0 ? a : b, testRead())).as("request %d", i + 1)
                        .isInstanceOf(Admission.Admitted.class);
            }
            assertThat(rejected(run(a, testRead())).reason()).isEqualTo("global-rate");
            assertThat(rejected(run(b, testRead())).reason()).isEqualTo("global-rate");
            assertThat(TestRedis.keys(prefix)).containsExactly(prefix + Requests.ACCOUNT + ":test:read");

            clock.advance(Duration.ofSeconds(1));
            runAdmitted(b, testRead(), 13);
            runAdmitted(a, testRead(), 12);
            assertThat(run(a, testRead())).isInstanceOf(Admission.Rejected.class);
            assertThat(a.stats().localFallbacks()).isZero();
            assertThat(a.stats().redisFailovers()).isZero();
            assertThat(messages(Level.WARN)).isEmpty();
        }
    }

    @Test
    void aRefusedRequestGivesItsTokensBackInRedisToo() {
        try (Limiters a = new Limiters(settings(TestRedis.URL), clock);
                Limiters b = new Limiters(settings(TestRedis.URL), clock)) {
            runAdmitted(a, Requests.test("GET /v1/customers/search"), 20);
            assertThat(rejected(run(b, Requests.test("GET /v1/charges/search"))).reason()).isEqualTo("endpoint-rate");
            runAdmitted(b, testRead(), 5);
            assertThat(rejected(run(a, testRead())).reason()).isEqualTo("global-rate");
        }
    }

    @Test
    void anUnreachableRedisAtStartLeavesLimitsInThisProcessAndSaysSoOnce() throws Exception {
        String url = "redis://127.0.0.1:" + TestRedis.closedPort();
        long started = System.nanoTime();
        try (Limiters limiters = new Limiters(settings(url), clock)) {
            // Bounded by the 1 s connect timeout (Lettuce's defaults: 10 s to connect, 60 s per command);
            // the margin is for the JVM's first use of Netty, which is slow on a small machine.
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            Limiters.Stats stats = limiters.stats();
            assertThat(stats.distributed()).isTrue();
            assertThat(stats.redisAvailable()).isFalse();
            assertThat(stats.redisFailovers()).isEqualTo(1);

            runAdmitted(limiters, testRead(), 25);
            assertThat(rejected(run(limiters, testRead())).kind()).isEqualTo(Admission.Kind.RATE);
            assertThat(limiters.probeRedis()).isFalse();
            assertThat(limiters.probeRedis()).isFalse();

            stats = limiters.stats();
            assertThat(stats.localFallbacks()).isEqualTo(26);
            assertThat(stats.redisFailovers()).isEqualTo(1);
            assertThat(messages(Level.WARN)).hasSize(1);
            assertThat(messages(Level.WARN).getFirst()).contains("127.0.0.1", "fall back");
        }
    }

    @Test
    void aRedisThatDiesDuringTrafficIsReplacedByLocalBucketsAndTakesOverAgainWhenItIsBack() throws Exception {
        try (TcpRelay relay = new TcpRelay(TestRedis.uri().getHost(), TestRedis.uri().getPort());
                Limiters limiters = new Limiters(settings("redis://127.0.0.1:" + relay.port()), clock)) {
            runAdmitted(limiters, testRead(), 10); // in Redis: 15 tokens left
            assertThat(limiters.stats().redisAvailable()).isTrue();

            relay.kill();
            long started = System.nanoTime();
            runAdmitted(limiters, testRead(), 25); // this process's bucket, full
            assertThat(run(limiters, testRead())).isInstanceOf(Admission.Rejected.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));

            Limiters.Stats down = limiters.stats();
            assertThat(down.redisAvailable()).isFalse();
            assertThat(down.redisFailovers()).isEqualTo(1);
            assertThat(down.localFallbacks()).isGreaterThanOrEqualTo(25);
            assertThat(limiters.probeRedis()).isFalse();
            assertThat(messages(Level.WARN)).hasSize(1);

            relay.restart();
            assertThat(limiters.probeRedis()).isTrue();
            assertThat(limiters.stats().redisAvailable()).isTrue();
            assertThat(messages(Level.INFO)).last().asString().contains("shared through Redis");

            // Redis's bucket again, as it was left: 15 tokens (this process's own is empty).
            runAdmitted(limiters, testRead(), 15);
            assertThat(run(limiters, testRead())).isInstanceOf(Admission.Rejected.class);
            assertThat(limiters.stats().redisFailovers()).isEqualTo(1);
            assertThat(messages(Level.WARN)).hasSize(1);
        }
    }

    @Test
    void theBackgroundProbeSwitchesBackToRedisWithoutAnyRequest() throws Exception {
        try (TcpRelay relay = new TcpRelay(TestRedis.uri().getHost(), TestRedis.uri().getPort())) {
            relay.kill();
            LimitSettings probeOften = settings("redis://127.0.0.1:" + relay.port())
                    .withRedisTiming(TIMEOUT, Duration.ofMillis(20));
            try (Limiters limiters = new Limiters(probeOften, clock)) {
                assertThat(limiters.stats().redisAvailable()).isFalse();
                relay.restart();
                await().atMost(Duration.ofSeconds(10)).until(() -> limiters.stats().redisAvailable());
                assertThat(limiters.stats().redisFailovers()).isEqualTo(1);
                assertThat(messages(Level.WARN)).hasSize(1);
            }
        }
    }

    @Test
    void aHungRedisDelaysOneRequestByAtMostTheTimeoutAndThenNone() throws Exception {
        try (TcpRelay relay = new TcpRelay(TestRedis.uri().getHost(), TestRedis.uri().getPort());
                Limiters limiters = new Limiters(settings("redis://127.0.0.1:" + relay.port()), clock)) {
            runAdmitted(limiters, testRead(), 1);

            relay.blackhole();
            long started = System.nanoTime();
            Admission first = run(limiters, testRead());
            Duration firstTook = Duration.ofNanos(System.nanoTime() - started);
            assertThat(first).as("fail open").isInstanceOf(Admission.Admitted.class);
            assertThat(firstTook).isLessThan(TIMEOUT.multipliedBy(10)); // not Lettuce's default 60 s
            assertThat(limiters.stats().redisAvailable()).isFalse();

            started = System.nanoTime();
            for (int i = 0; i < 200; i++) {
                run(limiters, testRead());
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no request waits for Redis again")
                    .isLessThan(Duration.ofSeconds(1));
            assertThat(limiters.stats().redisFailovers()).isEqualTo(1);

            assertThat(limiters.probeRedis()).isFalse(); // PING times out, the connection is dropped
            relay.kill();
            relay.restart();
            assertThat(limiters.probeRedis()).isTrue();
            assertThat(messages(Level.WARN)).hasSize(1);
        }
    }
}
