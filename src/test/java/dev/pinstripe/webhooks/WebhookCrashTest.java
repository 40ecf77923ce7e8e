package dev.pinstripe.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.stripe.StripeClient;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.WebhookEndpointCreateParams;
import com.sun.net.httpserver.HttpServer;
import dev.pinstripe.testing.ServerProcess;
import dev.pinstripe.testing.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real server processes on one database. At least once across {@code kill -9}: a server is killed
 * while it is delivering, another is started on the same database, and every event is delivered at
 * least once. Duplicates can only come from attempts that were in flight at the kill; the test
 * reports how many there were. And two servers running at once share the queue without delivering
 * anything twice.
 */
class WebhookCrashTest {
    private static final Pattern EVENT_ID = Pattern.compile("^\\{\"id\":\"(evt_[A-Za-z0-9]+)\"");
    private static final int CUSTOMERS = 600;
    /** Short attempts, so a killed server's leases end soon (timeout + 10 s). */
    private static final Map<String, String> FAST_TIMEOUT = Map.of("PINSTRIPE_WEBHOOK_TIMEOUT_SECONDS", "2");

    @TempDir
    Path logs;

    @Test
    void everyEventIsDeliveredAfterTheServerIsKilledMidDelivery() throws Exception {
        Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
        // A receiver that takes a moment, so that deliveries are in flight when the server dies.
        HttpServer receiver = countingReceiver(received, Duration.ofMillis(5));
        String key = "sk_test_crash" + UUID.randomUUID().toString().replace("-", "");
        try (TestDatabases.TestDatabase db = TestDatabases.create()) {
            ServerProcess first = ServerProcess.start(db.url(), key, logs.resolve("first.log"), FAST_TIMEOUT);
            StripeClient stripe = client(key, first.port());
            stripe.v1().webhookEndpoints().create(WebhookEndpointCreateParams.builder()
                    .setUrl("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook")
                    .addEnabledEvent(WebhookEndpointCreateParams.EnabledEvent.ALL).build());

            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicInteger made = new AtomicInteger();
            try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
                List<Future<?>> work = new java.util.ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    work.add(clients.submit(() -> {
                        while (made.getAndIncrement() < CUSTOMERS) {
                            try {
                                acknowledged.add(stripe.v1().customers().create(CustomerCreateParams.builder()
                                        .build()).getId());
                            } catch (Exception e) {
                                return; // the server is gone: this request was never acknowledged
                            }
                        }
                    }));
                }
                // Kill it once deliveries are under way and requests are still coming in.
                await().atMost(Duration.ofSeconds(60)).until(() -> received.size() >= CUSTOMERS / 4);
                first.kill();
                for (Future<?> f : work) {
                    f.get();
                }
            }
            int deliveredBeforeKill = received.size();

            ServerProcess second = ServerProcess.start(db.url(), key, logs.resolve("second.log"), FAST_TIMEOUT);
            try {
                Set<String> eventIds = eventIds(db.url());
                assertThat(customersWithAnEvent(db.url())).containsAll(acknowledged);
                await().atMost(Duration.ofSeconds(90)).until(() -> received.keySet().containsAll(eventIds));
                int duplicates = received.values().stream().mapToInt(c -> c.get() - 1).sum();
                System.out.printf("webhook crash test: %d events (%d acknowledged customers), %d delivered before"
                        + " kill -9, all delivered after restart, %d duplicate deliveries%n", eventIds.size(),
                        acknowledged.size(), deliveredBeforeKill, duplicates);
                // Only attempts in flight at the kill can repeat; the dispatcher bounds those.
                assertThat(duplicates).isLessThanOrEqualTo(WebhookSettings.defaults().concurrencyMax());
            } finally {
                second.terminate();
            }
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void twoServerProcessesOnOneDatabaseDeliverEveryEventExactlyOnce() throws Exception {
        Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
        HttpServer receiver = countingReceiver(received, Duration.ZERO);
        String key = "sk_test_two" + UUID.randomUUID().toString().replace("-", "");
        try (TestDatabases.TestDatabase db = TestDatabases.create()) {
            ServerProcess one = ServerProcess.start(db.url(), key, logs.resolve("one.log"), FAST_TIMEOUT);
            ServerProcess two = ServerProcess.start(db.url(), key, logs.resolve("two.log"), FAST_TIMEOUT);
            try {
                StripeClient first = client(key, one.port());
                StripeClient second = client(key, two.port());
                first.v1().webhookEndpoints().create(WebhookEndpointCreateParams.builder()
                        .setUrl("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook")
                        .addEnabledEvent(WebhookEndpointCreateParams.EnabledEvent.ALL).build());
                int customers = 300;
                for (int i = 0; i < customers; i++) {
                    (i % 2 == 0 ? first : second).v1().customers().create(CustomerCreateParams.builder().build());
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> received.size() == customers);
                assertThat(received.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
                Set<String> owners = TestDatabases.strings(db.url(),
                        "SELECT DISTINCT lease_owner FROM webhook_deliveries");
                assertThat(owners).as("both processes delivered").hasSize(2);
            } finally {
                one.terminate();
                two.terminate();
            }
        } finally {
            receiver.stop(0);
        }
    }

    /** A receiver on /hook that answers 200 after {@code delay} and counts deliveries per event ID. */
    private static HttpServer countingReceiver(Map<String, AtomicInteger> received, Duration delay)
            throws IOException {
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/hook", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Matcher m = EVENT_ID.matcher(body);
            if (m.find()) {
                received.computeIfAbsent(m.group(1), k -> new AtomicInteger()).incrementAndGet();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        return receiver;
    }

    private static StripeClient client(String key, int port) {
        return StripeClient.builder().setApiKey(key).setApiBase("http://127.0.0.1:" + port)
                .setMaxNetworkRetries(0).build();
    }

    private static Set<String> eventIds(String url) throws Exception {
        return TestDatabases.strings(url, "SELECT id FROM events");
    }

    private static Set<String> customersWithAnEvent(String url) throws Exception {
        return TestDatabases.strings(url, "SELECT object_id FROM events WHERE type = 'customer.created'");
    }
}
