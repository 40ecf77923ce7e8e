package dev.pinstripe.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinstripe.testing.TestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** Short runs of the payments scenarios against a real Pinstripe over a real database. */
class LoadgenAgainstPinstripeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestServer server;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void startServer() {
        server = TestServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** 40 operations/s for 500 ms: 20 operations, no warmup. */
    private JsonNode run(String scenario) throws Exception {
        int exitCode = new CommandLine(new LoadgenCommand())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute("--url", server.baseUrl(), "--key", server.secretKey, "--scenario", scenario,
                        "--rate", "40", "--duration", "500ms", "--warmup", "0s", "--connections", "4",
                        "--timeout", "5s", "--json");
        assertThat(exitCode).as(err.toString()).isZero();
        return JSON.readTree(out.toString());
    }

    private static void assertEveryOperationSucceeded(JsonNode summary) {
        assertThat(summary.path("responses").asLong()).isEqualTo(20);
        assertThat(summary.path("successes").asLong()).as(summary.toPrettyString()).isEqualTo(20);
        assertThat(summary.path("statusCounts").path("200").asLong()).isEqualTo(20);
        assertThat(summary.path("firstUnsuccessful").isNull()).isTrue();
        JsonNode errors = summary.path("errors");
        for (String count : new String[] {"timeouts", "connectErrors", "ioErrors", "expiredBeforeSend", "unfinishedAtEnd"}) {
            assertThat(errors.path(count).asLong()).as(count).isZero();
        }
        assertThat(summary.path("latencyCorrected").path("count").asLong()).isEqualTo(20);
    }

    /** The PaymentIntents the server now has, by status. */
    private JsonNode paymentIntents() throws Exception {
        return JSON.readTree(server.get("/v1/payment_intents?limit=100").body()).path("data");
    }

    @Test
    @Timeout(10)
    void everyCheckoutPaysOnePaymentIntent() throws Exception {
        JsonNode summary = run("payments.checkout");

        assertThat(summary.path("scenario").asText()).isEqualTo("payments.checkout");
        assertEveryOperationSucceeded(summary);
        JsonNode intents = paymentIntents();
        assertThat(intents).hasSize(20).allSatisfy(pi -> {
            assertThat(pi.path("status").asText()).isEqualTo("succeeded");
            assertThat(pi.path("amount_received").asLong()).isEqualTo(2000);
        });
    }

    @Test
    @Timeout(10)
    void everyTwoStepOperationCreatesThenConfirmsOnePaymentIntent() throws Exception {
        JsonNode summary = run("payments.confirm_two_step");

        assertThat(summary.path("scenario").asText()).isEqualTo("payments.confirm_two_step");
        assertEveryOperationSucceeded(summary);
        assertThat(paymentIntents()).hasSize(20)
                .allSatisfy(pi -> assertThat(pi.path("status").asText()).isEqualTo("succeeded"));
    }
}
