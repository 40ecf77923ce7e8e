package dev.pinstripe.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pinstripe.api.Json;
import dev.pinstripe.testing.TestServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the SDK cannot send: malformed and hostile requests. None may produce a 5xx. */
class RawHttpTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode error(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));
        JsonNode body = Json.parse(response.body());
        assertThat(body.has("error")).as(response.body()).isTrue();
        assertThat(body.get("error").get("type").asText()).isNotEmpty();
        return body.get("error");
    }

    @Test
    void everyResponseCarriesARequestIdAndTheStripeVersion() {
        HttpResponse<String> ok = server.get("/v1/customers");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Request-Id")).hasValueSatisfying(v -> assertThat(v).matches("req_[A-Za-z0-9]{14}"));
        assertThat(ok.headers().firstValue("Stripe-Version")).contains("2026-10-28.endive");
        HttpResponse<String> missing = server.get("/v1/nothing-here");
        assertThat(missing.headers().firstValue("Request-Id")).isPresent();
    }

    @Test
    void theStripeVersionHeaderIsEchoedAndInvalidVersionsAreRejected() {
        HttpResponse<String> pinned = server.send(server.request("/v1/customers").header("Stripe-Version", "2023-08-16"));
        assertThat(pinned.statusCode()).isEqualTo(200);
        assertThat(pinned.headers().firstValue("Stripe-Version")).contains("2023-08-16");
        HttpResponse<String> bad = server.send(server.request("/v1/customers").header("Stripe-Version", "2019-2-19"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(error(bad).get("message").asText()).isEqualTo("Invalid Stripe API version: 2019-2-19");
    }

    @Test
    void unknownRoutesAndWrongMethodsAreStripes404() {
        HttpResponse<String> unknown = server.get("/v1/foobar");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(error(unknown).get("message").asText()).startsWith("Unrecognized request URL (GET: /v1/foobar).");
        HttpResponse<String> put = server.send(server.request("/v1/customers").PUT(HttpRequest.BodyPublishers.noBody()));
        assertThat(put.statusCode()).isEqualTo(404);
        assertThat(error(put).get("message").asText()).startsWith("Unrecognized request URL (PUT: /v1/customers).");
        HttpResponse<String> root = server.get("/");
        assertThat(root.statusCode()).isEqualTo(404);
        HttpResponse<String> trailing = server.get("/v1/customers/");
        assertThat(error(trailing).get("message").asText()).contains("remove the trailing slash");
    }

    @Test
    void aMissingKeyIs401WithStripesMessageAndAuthenticateHeader() {
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/customers")));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"Stripe\"");
        assertThat(error(r).get("message").asText()).startsWith("You did not provide an API key.");
    }

    @Test
    void aWrongKeyIs401AndShowsOnlyARedactedKey() {
        String key = "sk_test_notarealkey0000000000001234";
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/customers"))
                .header("Authorization", "Bearer " + key));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(error(r).get("message").asText()).isEqualTo("Invalid API Key provided: sk_test_" + "*".repeat(23) + "1234");
        assertThat(r.body()).doesNotContain(key);
    }

    @Test
    void aMalformedAuthorizationHeaderIs401() {
        for (String header : List.of("null", "Bearer", "Token abc", "Basic !!!not-base64")) {
            HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/customers"))
                    .header("Authorization", header));
            assertThat(r.statusCode()).as(header).isEqualTo(401);
            error(r);
        }
    }

    @Test
    void httpBasicWithTheKeyAsUsernameWorks() {
        String basic = Base64.getEncoder().encodeToString((server.secretKey + ":").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/customers"))
                .header("Authorization", "Basic " + basic));
        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void aPublishableKeyCannotCallSecretKeyEndpoints() {
        String pk = server.newAccount().publishableKey();
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/customers"))
                .header("Authorization", "Bearer " + pk));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(error(r).get("message").asText()).startsWith("This API call cannot be made with a publishable API key.");
    }

    @Test
    void aJsonBodyIsRejectedWithStripesContentTypeError() {
        HttpResponse<String> r = server.send(server.request("/v1/customers").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"a@b.c\"}")));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r).get("message").asText()).startsWith("Invalid request (check that your POST content type");
    }

    @Test
    void aBodyOverTheLimitIs413() {
        String huge = "description=" + "x".repeat(2 * 1024 * 1024);
        HttpResponse<String> r = server.post("/v1/customers", huge);
        assertThat(r.statusCode()).isEqualTo(413);
        error(r);
    }

    @Test
    void malformedEncodingIs400() {
        HttpResponse<String> r = server.post("/v1/customers", "email=%E0%A4%A&name=%zz");
        assertThat(r.statusCode()).isEqualTo(400);
        error(r);
    }

    @Test
    void unknownParametersAreNamedWithTheirPath() {
        JsonNode e = error(server.post("/v1/customers", "address[planet]=mars"));
        assertThat(e.get("code").asText()).isEqualTo("parameter_unknown");
        assertThat(e.get("param").asText()).isEqualTo("address[planet]");
        assertThat(e.get("doc_url").asText()).isEqualTo("https://stripe.com/docs/error-codes/parameter-unknown");
    }

    @Test
    void listParametersAreValidated() {
        assertThat(error(server.get("/v1/customers?limit=0")).get("message").asText())
                .isEqualTo("This value must be greater than or equal to 1.");
        assertThat(error(server.get("/v1/customers?limit=101")).get("message").asText())
                .isEqualTo("This value must be less than or equal to 100.");
        assertThat(error(server.get("/v1/customers?limit=ten")).get("code").asText())
                .isEqualTo("parameter_invalid_integer");
        assertThat(error(server.get("/v1/customers?starting_after=cus_a&ending_before=cus_b")).get("message").asText())
                .startsWith("Received both starting_after and ending_before");
        HttpResponse<String> missingCursor = server.get("/v1/customers?starting_after=cus_missing");
        assertThat(missingCursor.statusCode()).isEqualTo(404);
        assertThat(error(missingCursor).get("param").asText()).isEqualTo("starting_after");
        assertThat(error(server.get("/v1/customers?created[between]=1")).get("param").asText())
                .isEqualTo("created[between]");
    }

    @Test
    void hostileStringsAreStoredAndReturnedVerbatimNeverCausingAServerError() {
        List<String> hostile = List.of(
                "'; DROP TABLE customers; --",
                "Robert'); DELETE FROM accounts;--",
                "<script>alert(1)</script>",
                "\uD83D\uDCB3 card \u202E reversed",
                "line\nbreak\ttab\\backslash\"quote",
                "%00%zz%",
                "{{7*7}} ${jndi:ldap://x/a}",
                "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ü é ß 日本語");
        for (String s : hostile) {
            String form = "name=" + URLEncoder.encode(s.length() > 256 ? s.substring(0, 256) : s, StandardCharsets.UTF_8)
                    + "&description=" + URLEncoder.encode(s, StandardCharsets.UTF_8)
                    + "&metadata[" + URLEncoder.encode("k", StandardCharsets.UTF_8) + "]="
                    + URLEncoder.encode(s, StandardCharsets.UTF_8);
            HttpResponse<String> r = server.post("/v1/customers", form);
            assertThat(r.statusCode()).as(s).isEqualTo(200);
            JsonNode c = Json.parse(r.body());
            assertThat(c.get("description").asText()).isEqualTo(s);
            HttpResponse<String> search = server.get("/v1/customers/search?query="
                    + URLEncoder.encode("name:\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"",
                    StandardCharsets.UTF_8));
            assertThat(search.statusCode()).as("search for " + s).isLessThan(500);
        }
    }

    @Test
    void hostileParameterNamesAndPathsNeverCauseAServerError() {
        List<String> forms = List.of("=", "&&&", "[]=1", "a[=1", "a]=1", "metadata[]=x", "metadata[a][b]=c",
                "expand[]=" + "a.".repeat(100), "email[]=x", "address=notahash", "preferred_locales=en",
                "invoice_settings[custom_fields][0][name]=n", "%5B%5D=%5B%5D", "a".repeat(2000) + "=1");
        for (String form : forms) {
            HttpResponse<String> r = server.post("/v1/customers", form);
            assertThat(r.statusCode()).as(form).isBetween(200, 499);
            if (r.statusCode() >= 400) {
                error(r);
            }
        }
        for (String path : List.of("/v1/customers/%00", "/v1/customers/'%20OR%201=1", "/v1/customers/..%2F..%2Fetc",
                "/v1/customers/" + "x".repeat(5000), "/v1//customers", "/v1/customers/search?query=")) {
            HttpResponse<String> r = server.get(path);
            assertThat(r.statusCode()).as(path).isBetween(400, 499);
            error(r);
        }
    }

    @Test
    void emptyValuesMeanTheDefaultForFieldsThatAreNeverNull() {
        assertThat(server.get("/v1/customers?limit=").statusCode()).isEqualTo(200);
        assertThat(server.get("/v1/customers/search?query=name%3A%27a%27&limit=").statusCode()).isEqualTo(200);
        HttpResponse<String> created = server.post("/v1/customers",
                "next_invoice_sequence=&tax_exempt=&preferred_locales=", "empty-values-key");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        JsonNode c = Json.parse(created.body());
        assertThat(c.get("next_invoice_sequence").asLong()).isEqualTo(1);
        assertThat(c.get("tax_exempt").asText()).isEqualTo("none");
        assertThat(c.get("preferred_locales")).isEmpty();
    }

    @Test
    void theLargestValuesValidationAllowsAreStored() {
        StringBuilder form = new StringBuilder();
        String euros = URLEncoder.encode("€".repeat(500), StandardCharsets.UTF_8);
        for (int i = 0; i < 50; i++) {
            form.append("metadata[k").append(i).append("]=").append(euros).append('&');
        }
        String longLine = URLEncoder.encode("\u0001".repeat(5000), StandardCharsets.UTF_8);
        for (String field : List.of("city", "country", "line1", "line2", "postal_code", "state")) {
            form.append("address[").append(field).append("]=").append(longLine).append('&');
        }
        String locale = "a".repeat(5000);
        for (int i = 0; i < 20; i++) {
            form.append("preferred_locales[]=").append(locale).append('&');
        }
        HttpResponse<String> r = server.post("/v1/customers", form.toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @Test
    void aVeryLongIdInThePathWithAnIdempotencyKeyIsAStoredNotFound() {
        String path = "/v1/customers/cus_" + "x".repeat(2100);
        HttpResponse<String> first = server.post(path, "name=x", "long-path-key");
        assertThat(first.statusCode()).isEqualTo(404);
        HttpResponse<String> again = server.post(path, "name=x", "long-path-key");
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
    }

    @Test
    void badIdempotencyKeysAreRejected() {
        HttpResponse<String> r = server.post("/v1/customers", "email=a@b.c", "k".repeat(256));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r).get("message").asText()).startsWith("Idempotent key length is 256");
    }
}
