package dev.pinstripe.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinstripe.testing.ServerProcess;
import dev.pinstripe.testing.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two server processes with one Redis share one rate limit per account. */
class RedisProcessesTest {
    @TempDir
    Path logs;

    @Test
    void twoServerProcessesShareOneBucketThroughRedis() throws Exception {
        TestRedis.require();
        String prefix = TestRedis.uniquePrefix();
        String key = "sk_test_redis" + UUID.randomUUID().toString().replace("-", "");
        // Open auth, so warm-up traffic can use accounts of its own; a Redis timeout that a loaded
        // 2-core CI machine cannot trip by accident (the fallback itself is tested in LimiterRedisTest).
        Map<String, String> env = Map.of("PINSTRIPE_RATE_LIMITS", "on", "PINSTRIPE_REDIS_URL", TestRedis.URL,
                "PINSTRIPE_REDIS_KEY_PREFIX", prefix, "PINSTRIPE_AUTH", "open", "PINSTRIPE_REDIS_TIMEOUT_MS", "1000");
        HttpClient http = HttpClient.newHttpClient();
        try (TestDatabases.TestDatabase db = TestDatabases.create()) {
            ServerProcess one = ServerProcess.start(db.url(), key, logs.resolve("one.log"), env);
            ServerProcess two = ServerProcess.start(db.url(), key, logs.resolve("two.log"), env);
            try {
                // Warm both processes up, limiters and Redis included, on other accounts' buckets, so the
                // measured burst is quick and the bucket barely refills meanwhile.
                for (int i = 0; i < 300; i++) {
                    for (ServerProcess s : new ServerProcess[] {one, two}) {
                        http.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/v1/customers"))
                                .header("Authorization", "Bearer sk_test_warmup" + (i % 10)).build(),
                                HttpResponse.BodyHandlers.discarding());
                    }
                }
                java.util.List<java.util.concurrent.Future<int[]>> sent = new java.util.ArrayList<>();
                try (var burst = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                    for (int i = 0; i < 20; i++) {
                        for (ServerProcess s : new ServerProcess[] {one, two}) {
                            sent.add(burst.submit(() -> new int[] {s == one ? 1 : 2, http.send(HttpRequest.newBuilder(
                                            URI.create(s.baseUrl() + "/v1/customers"))
                                    .header("Authorization", "Bearer " + key).build(),
                                    HttpResponse.BodyHandlers.discarding()).statusCode()}));
                        }
                    }
                }
                int ok = 0;
                int limitedByOne = 0;
                int limitedByTwo = 0;
                for (var f : sent) {
                    int[] r = f.get();
                    ok += r[1] == 200 ? 1 : 0;
                    limitedByOne += r[1] == 429 && r[0] == 1 ? 1 : 0;
                    limitedByTwo += r[1] == 429 && r[0] == 2 ? 1 : 0;
                }
                // Alone, each process would admit all of its 20 (its own bucket holds 25). Together they
                // draw on one bucket of 25, refilled at 25/s in real time while the 40 requests run.
                assertThat(ok).isBetween(25, 35);
                assertThat(limitedByOne + limitedByTwo).isEqualTo(40 - ok);
            } finally {
                one.terminate();
                two.terminate();
            }
        } finally {
            TestRedis.deleteKeys(prefix);
        }
    }
}
