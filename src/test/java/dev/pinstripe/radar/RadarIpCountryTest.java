package dev.pinstripe.radar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.model.PaymentIntent;
import com.stripe.param.PaymentIntentCreateParams;
import dev.pinstripe.accounts.AccountService;
import dev.pinstripe.api.Json;
import dev.pinstripe.app.Pinstripe;
import dev.pinstripe.app.Settings;
import dev.pinstripe.testing.ManualClock;
import dev.pinstripe.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ip_country} on real payments: a server started with the test GeoIP database
 * (src/test/resources/geoip/README.md), which places the loopback addresses 127.0.0.2 in GB and
 * 127.0.0.3 in the US. The client IP is the TCP peer's, so payments are sent from those addresses.
 */
class RadarIpCountryTest {
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.startWithGeoip(geoipDatabase());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Path geoipDatabase() throws Exception {
        return Path.of(RadarIpCountryTest.class.getResource("/geoip/test-country.mmdb").toURI());
    }

    /** A client whose connections come from {@code source}, a loopback address. */
    private static HttpClient from(String source) throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .localAddress(InetAddress.getByName(source)).build();
    }

    private static HttpResponse<String> send(HttpClient client, String key, String method, String path, String form)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(30));
        b = form == null ? b.GET() : b.header("Content-Type", "application/x-www-form-urlencoded")
                .method(method, HttpRequest.BodyPublishers.ofString(form));
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> pay(HttpClient client, String key) throws Exception {
        return send(client, key, "POST", "/v1/payment_intents", "amount=2000&currency=usd"
                + "&payment_method=pm_card_visa&confirm=true&return_url=" + enc("https://shop.example/return"));
    }

    private static JsonNode get(String key, String path) {
        return Json.parse(server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Authorization", "Bearer " + key).GET()).body());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void aRuleOnIpCountryBlocksPaymentsFromThatCountryOnly() throws Exception {
        AccountService.NewAccount account = server.newAccount();
        String key = account.secretKey();
        HttpResponse<String> created = server.send(HttpRequest.newBuilder(
                        URI.create(server.baseUrl() + "/pinstripe/v1/radar/rules"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("rule=" + enc("Block if :ip_country: = 'GB'"))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String rule = Json.parse(created.body()).path("id").asText();

        // From the United Kingdom: blocked by the rule, before the network.
        HttpResponse<String> fromGb = pay(from("127.0.0.2"), key);
        assertThat(fromGb.statusCode()).as(fromGb.body()).isEqualTo(402);
        JsonNode error = Json.parse(fromGb.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("card_declined");
        String blockedCharge = error.path("charge").asText();
        JsonNode outcome = get(key, "/v1/charges/" + blockedCharge).path("outcome");
        assertThat(outcome.path("type").asText()).isEqualTo("blocked");
        assertThat(outcome.path("reason").asText()).isEqualTo("rule");
        assertThat(outcome.path("rule").asText()).isEqualTo(rule);
        JsonNode blocked = get(key, "/pinstripe/v1/radar/assessments/" + blockedCharge);
        assertThat(blocked.path("decision").asText()).isEqualTo("block");
        assertThat(blocked.path("rule").asText()).isEqualTo(rule);
        assertThat(blocked.path("attributes").path("ip_address").asText()).isEqualTo("127.0.0.2");
        assertThat(blocked.path("attributes").path("ip_country").asText()).isEqualTo("GB");

        // From the United States: the rule does not match.
        HttpResponse<String> fromUs = pay(from("127.0.0.3"), key);
        assertThat(fromUs.statusCode()).as(fromUs.body()).isEqualTo(200);
        JsonNode paid = Json.parse(fromUs.body());
        assertThat(paid.path("status").asText()).isEqualTo("succeeded");
        JsonNode passed = get(key, "/pinstripe/v1/radar/assessments/" + paid.path("latest_charge").asText());
        assertThat(passed.path("decision").asText()).isEqualTo("proceed");
        assertThat(passed.path("attributes").path("ip_country").asText()).isEqualTo("US");

        // From an address the database does not know (stripe-java, from 127.0.0.1): no country, no match.
        PaymentIntent unknown = server.stripe(key).v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                .setAmount(2000L).setCurrency("usd").setPaymentMethod("pm_card_visa").setConfirm(true)
                .setReturnUrl("https://shop.example/return").build());
        assertThat(unknown.getStatus()).isEqualTo("succeeded");
        JsonNode noCountry = get(key, "/pinstripe/v1/radar/assessments/" + unknown.getLatestCharge());
        assertThat(noCountry.path("attributes").path("ip_address").asText()).isEqualTo("127.0.0.1");
        assertThat(noCountry.path("attributes").has("ip_country")).isFalse();
    }

    @Test
    void aConfiguredButMissingDatabaseFailsStartUpBeforeAnythingStarts(@TempDir Path dir) {
        Path missing = dir.resolve("GeoLite2-Country.mmdb");
        Settings d = Settings.defaults();
        // No database URL: had it got that far, it would start an embedded PostgreSQL in dir.
        Settings settings = new Settings("127.0.0.1", 0, dir, null, null, false, 2, d.bodyBytesMax(),
                d.idempotencyRetention(), d.idempotencyLease(), false, d.webhooks(), false, d.requestLogRetention(),
                d.limits(), true, missing);
        assertThatThrownBy(() -> Pinstripe.start(settings, ManualClock.atTheStartOf2026(),
                new PrintStream(new ByteArrayOutputStream())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--geoip-database / PINSTRIPE_GEOIP_DATABASE: the GeoIP database " + missing
                        + " does not exist or is not a file");
        assertThat(dir).isEmptyDirectory();
    }
}
