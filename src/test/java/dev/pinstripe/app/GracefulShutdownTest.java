package dev.pinstripe.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.stripe.StripeClient;
import com.stripe.param.CustomerCreateParams;
import dev.pinstripe.testing.ServerProcess;
import dev.pinstripe.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM during load: the server drains and exits, and every acknowledged write is there. */
class GracefulShutdownTest {
    @TempDir
    Path logs;

    @Test
    void sigtermDuringLoadLosesNoAcknowledgedRequestAndFlushesTheRequestLog() throws Exception {
        String key = "sk_test_term" + UUID.randomUUID().toString().replace("-", "");
        try (TestDatabases.TestDatabase db = TestDatabases.create()) {
            ServerProcess server = ServerProcess.start(db.url(), key, logs.resolve("server.log"), Map.of());
            StripeClient stripe = StripeClient.builder().setApiKey(key).setApiBase(server.baseUrl())
                    .setMaxNetworkRetries(0).build();
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicInteger sent = new AtomicInteger();
            int exitCode;
            try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
                List<Future<?>> work = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    work.add(clients.submit(() -> {
                        while (sent.incrementAndGet() < 100_000) {
                            try {
                                acknowledged.add(stripe.v1().customers().create(CustomerCreateParams.builder()
                                        .build()).getId());
                            } catch (Exception e) {
                                return; // refused once the server stopped accepting: never acknowledged
                            }
                        }
                    }));
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 200);
                exitCode = server.terminate();
                for (Future<?> f : work) {
                    f.get();
                }
            }
            assertThat(exitCode).as("a clean exit after SIGTERM (143 = terminated by the signal)").isIn(0, 143);
            Set<String> stored = TestDatabases.strings(db.url(), "SELECT id FROM customers");
            assertThat(stored).containsAll(acknowledged);
            // The request log was flushed on the way out: every acknowledged create has its entry.
            Set<String> logged = TestDatabases.strings(db.url(), "SELECT unnest(object_ids) FROM request_logs");
            assertThat(logged).containsAll(acknowledged);
            System.out.printf("graceful shutdown test: %d creates acknowledged before SIGTERM; all stored and"
                    + " logged%n", acknowledged.size());
        }
    }
}
