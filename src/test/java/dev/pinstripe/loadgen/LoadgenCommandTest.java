package dev.pinstripe.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

class LoadgenCommandTest {

    private HttpServer server;
    private String baseUrl;
    private final AtomicLong customersCreated = new AtomicLong();
    private final AtomicLong retrievals = new AtomicLong();
    private final Queue<String> authorizations = new ConcurrentLinkedQueue<>();
    private final Queue<String> paymentIntentRequests = new ConcurrentLinkedQueue<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/customers", this::handle);
        server.createContext("/v1/payment_intents", this::handlePaymentIntent);
        server.start();
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    /** A toy Stripe: creates customers, and answers every second retrieval with a 500. */
    private void handle(HttpExchange exchange) throws IOException {
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getPath();
        int status;
        String body;
        if (exchange.getRequestMethod().equals("POST")) {
            status = 200;
            body = "{\"id\":\"cus_" + customersCreated.incrementAndGet() + "\",\"object\":\"customer\"}";
        } else if (path.startsWith("/v1/customers/")) {
            status = retrievals.incrementAndGet() % 2 == 0 ? 500 : 200;
            body = "{\"id\":\"" + path.substring("/v1/customers/".length()) + "\"}";
        } else {
            status = 200;
            body = "{\"object\":\"list\",\"data\":[]}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** A toy Stripe whose every PaymentIntent needs 3D Secure: HTTP 200, but not succeeded. */
    private void handlePaymentIntent(HttpExchange exchange) throws IOException {
        paymentIntentRequests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8) + " "
                + exchange.getRequestHeaders().getFirst("Idempotency-Key"));
        byte[] bytes = "{\n  \"id\": \"pi_1\",\n  \"object\": \"payment_intent\",\n  \"status\": \"requires_action\"\n}"
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private int run(String... args) {
        return new CommandLine(new LoadgenCommand())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }

    @Test
    @Timeout(10)
    void aShortRunReportsEveryScheduledRequestByStatus() throws Exception {
        // 40 req/s for 500 ms is 20 requests; the server fails every second retrieval.
        int exitCode = run("--url", baseUrl, "--key", "sk_test_123", "--scenario", "customers.retrieve",
                "--setup-objects", "5", "--rate", "40", "--duration", "500ms", "--warmup", "0s",
                "--connections", "4", "--timeout", "2s", "--json");

        assertThat(exitCode).as(err.toString()).isZero();
        JsonNode summary = new ObjectMapper().readTree(out.toString());
        assertThat(summary.path("scheduled").asLong()).isEqualTo(20);
        assertThat(summary.path("sent").asLong()).isEqualTo(20);
        assertThat(summary.path("responses").asLong()).isEqualTo(20);
        assertThat(summary.path("statusCounts").path("200").asLong()).isEqualTo(10);
        assertThat(summary.path("statusCounts").path("500").asLong()).isEqualTo(10);
        assertThat(summary.path("errors").path("timeouts").asLong()).isZero();
        assertThat(summary.path("latencyCorrected").path("count").asLong()).isEqualTo(20);
        assertThat(summary.path("latencyUncorrected").path("count").asLong()).isEqualTo(20);
        assertThat(customersCreated.get()).isEqualTo(5);
        assertThat(authorizations).containsOnly("Bearer sk_test_123");
    }

    @Test
    @Timeout(10)
    void theTextReportIsPrintedByDefault() {
        int exitCode = run("--url", baseUrl, "--key", "sk_test_123", "--scenario", "customers.list",
                "--rate", "20", "--duration", "200ms", "--warmup", "100ms");

        assertThat(exitCode).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("Pinstripe loadgen: customers.list against " + baseUrl)
                .contains("  HTTP 200         4\n");
    }

    @Test
    @Timeout(10)
    void aCheckoutAnsweredWithHttp200IsNoSuccessUnlessThePaymentIntentSucceeded() throws Exception {
        // 'checkout' is short for payments.checkout; 20 req/s for 250 ms is 5 requests.
        int exitCode = run("--url", baseUrl, "--key", "sk_test_123", "--scenario", "checkout",
                "--rate", "20", "--duration", "250ms", "--warmup", "0s", "--timeout", "2s", "--json");

        assertThat(exitCode).as(err.toString()).isZero();
        JsonNode summary = new ObjectMapper().readTree(out.toString());
        assertThat(summary.path("scenario").asText()).isEqualTo("payments.checkout");
        assertThat(summary.path("responses").asLong()).isEqualTo(5);
        assertThat(summary.path("statusCounts").path("200").asLong()).isEqualTo(5);
        assertThat(summary.path("successes").asLong()).isZero();
        assertThat(summary.path("firstUnsuccessful").asText())
                .startsWith("POST /v1/payment_intents: HTTP 200, the PaymentIntent did not succeed")
                .contains("requires_action");
        assertThat(paymentIntentRequests).hasSize(5).allSatisfy(request -> assertThat(request)
                .matches("POST /v1/payment_intents amount=2000&currency=usd&payment_method=pm_card_visa&confirm=true"
                        + " [0-9a-f-]{36}"));
        assertThat(paymentIntentRequests.stream().map(r -> r.substring(r.lastIndexOf(' '))).distinct()).hasSize(5);
    }

    @Test
    void anUnreachableServerFailsBeforeTheRun() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        int exitCode = run("--url", "http://127.0.0.1:" + closedPort, "--key", "sk_test_123",
                "--scenario", "customers.list", "--rate", "10");

        assertThat(exitCode).isEqualTo(LoadgenCommand.EXIT_UNREACHABLE);
        assertThat(err.toString()).contains("server unreachable at http://127.0.0.1:" + closedPort);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void missingOrInvalidArgumentsAreRejectedWithTheUsageExitCode() {
        assertThat(run("--scenario", "customers.list", "--rate", "10")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--key=SECRET_KEY'");

        assertThat(run("--key", "k", "--scenario", "charges.create", "--rate", "10")).isEqualTo(2);
        assertThat(run("--key", "k", "--scenario", "customers.list", "--rate", "0")).isEqualTo(2);
        assertThat(run("--key", "k", "--scenario", "customers.list", "--rate", "10", "--duration", "5x")).isEqualTo(2);
        assertThat(run("--key", "k", "--scenario", "customers.list", "--rate", "10", "--connections", "0"))
                .isEqualTo(2);
        assertThat(run("--key", "k", "--scenario", "customers.list", "--rate", "10", "--url", "ftp://x"))
                .isEqualTo(2);
        assertThat(authorizations).isEmpty();
    }

    @Test
    @Timeout(10)
    void aFailingSetupStopsBeforeTheRun() {
        server.removeContext("/v1/customers");
        server.createContext("/v1/customers", exchange -> {
            exchange.getRequestBody().readAllBytes();
            int status = exchange.getRequestMethod().equals("POST") ? 401 : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });

        int exitCode = run("--url", baseUrl, "--key", "sk_test_123", "--scenario", "customers.retrieve",
                "--setup-objects", "3", "--rate", "10");

        assertThat(exitCode).isEqualTo(LoadgenCommand.EXIT_SETUP_FAILED);
        assertThat(err.toString()).contains("creating a customer returned HTTP 401");
    }
}
