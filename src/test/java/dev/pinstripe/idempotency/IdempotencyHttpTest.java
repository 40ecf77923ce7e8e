package dev.pinstripe.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pinstripe.api.Json;
import dev.pinstripe.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Idempotency keys over real HTTP: concurrent duplicates, headers, what is and is not stored. */
class IdempotencyHttpTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void concurrentDuplicatesCreateExactlyOneCustomer() throws Exception {
        int requests = 24;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < requests; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return server.post("/v1/customers", "email=dup@example.com", "concurrent-key");
                }));
            }
            go.countDown();
            Set<String> ids = new HashSet<>();
            int ok = 0;
            int inUse = 0;
            for (Future<HttpResponse<String>> f : futures) {
                HttpResponse<String> r = f.get();
                JsonNode body = Json.parse(r.body());
                if (r.statusCode() == 200) {
                    ok++;
                    ids.add(body.get("id").asText());
                } else {
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
                    assertThat(body.get("error").get("code").asText()).isEqualTo("idempotency_key_in_use");
                    inUse++;
                }
            }
            assertThat(ok).isPositive();
            assertThat(ok + inUse).isEqualTo(requests);
            assertThat(ids).hasSize(1);
        }
        JsonNode list = Json.parse(server.get("/v1/customers?email=dup@example.com").body());
        assertThat(list.get("data")).hasSize(1);
    }

    @Test
    void aReplayCarriesTheOriginalRequestIdAndTheReplayedHeader() {
        HttpResponse<String> first = server.post("/v1/customers", "name=Once", "replay-key");
        HttpResponse<String> second = server.post("/v1/customers", "name=Once", "replay-key");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(second.headers().firstValue("Original-Request")).isEqualTo(first.headers().firstValue("Request-Id"));
        assertThat(second.headers().firstValue("Request-Id")).isNotEqualTo(first.headers().firstValue("Request-Id"));
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(first.headers().firstValue("Idempotency-Key")).contains("replay-key");
    }

    @Test
    void validationErrorsAreNotStoredSoTheKeyStaysFree() {
        HttpResponse<String> invalid = server.post("/v1/customers", "email=x&bogus=1", "validation-key");
        assertThat(invalid.statusCode()).isEqualTo(400);
        HttpResponse<String> valid = server.post("/v1/customers", "email=fixed@example.com", "validation-key");
        assertThat(valid.statusCode()).isEqualTo(200);
    }

    @Test
    void aNotFoundOnceTheEndpointRanIsStoredAndReplayed() {
        HttpResponse<String> first = server.post("/v1/customers/cus_missing", "name=x", "missing-key");
        assertThat(first.statusCode()).isEqualTo(404);
        HttpResponse<String> again = server.post("/v1/customers/cus_missing", "name=x", "missing-key");
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
    }

    @Test
    void theSameKeyWithDifferentParametersIsAnIdempotencyError() {
        server.post("/v1/customers", "email=one@example.com", "mismatch-key");
        HttpResponse<String> other = server.post("/v1/customers", "email=two@example.com", "mismatch-key");
        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(Json.parse(other.body()).get("error").get("type").asText()).isEqualTo("idempotency_error");
    }

    @Test
    void keysOnGetRequestsAreIgnored() {
        HttpResponse<String> r = server.send(server.request("/v1/customers").header("Idempotency-Key", "get-key"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Idempotency-Key")).isEmpty();
    }
}
