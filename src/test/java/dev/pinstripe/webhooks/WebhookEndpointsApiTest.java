package dev.pinstripe.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.WebhookEndpoint;
import com.stripe.param.WebhookEndpointCreateParams;
import com.stripe.param.WebhookEndpointUpdateParams;
import dev.pinstripe.api.Json;
import dev.pinstripe.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /v1/webhook_endpoints} through stripe-java, and the roll-secret extension. */
class WebhookEndpointsApiTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static WebhookEndpoint create(StripeClient stripe, String url) throws StripeException {
        return stripe.v1().webhookEndpoints().create(WebhookEndpointCreateParams.builder().setUrl(url)
                .addEnabledEvent(WebhookEndpointCreateParams.EnabledEvent.CHARGE__SUCCEEDED)
                .addEnabledEvent(WebhookEndpointCreateParams.EnabledEvent.CHARGE__FAILED)
                .setDescription("orders").putMetadata("team", "payments").build());
    }

    @Test
    void createShowsTheSecretOnceAndCrudWorksAsStripes() throws StripeException {
        String key = server.newAccount().secretKey();
        StripeClient stripe = server.stripe(key);
        WebhookEndpoint created = create(stripe, "https://example.com/hooks");
        assertThat(created.getId()).startsWith("we_");
        assertThat(created.getSecret()).startsWith("whsec_");
        assertThat(created.getStatus()).isEqualTo("enabled");
        assertThat(created.getEnabledEvents()).containsExactly("charge.succeeded", "charge.failed");
        assertThat(created.getMetadata()).containsEntry("team", "payments");

        WebhookEndpoint retrieved = stripe.v1().webhookEndpoints().retrieve(created.getId());
        assertThat(retrieved.getSecret()).isNull();
        assertThat(retrieved.getUrl()).isEqualTo("https://example.com/hooks");

        WebhookEndpoint disabled = stripe.v1().webhookEndpoints().update(created.getId(),
                WebhookEndpointUpdateParams.builder().setDisabled(true)
                        .addEnabledEvent(WebhookEndpointUpdateParams.EnabledEvent.ALL).build());
        assertThat(disabled.getStatus()).isEqualTo("disabled");
        assertThat(disabled.getEnabledEvents()).containsExactly("*");
        assertThat(stripe.v1().webhookEndpoints().update(created.getId(),
                WebhookEndpointUpdateParams.builder().setDisabled(false).build()).getStatus()).isEqualTo("enabled");

        create(stripe, "http://localhost:4242/webhook");
        assertThat(stripe.v1().webhookEndpoints().list().getData()).hasSize(2);

        WebhookEndpoint deleted = stripe.v1().webhookEndpoints().delete(created.getId());
        assertThat(deleted.getDeleted()).isTrue();
        assertThat(stripe.v1().webhookEndpoints().list().getData()).hasSize(1);
        assertThatThrownBy(() -> stripe.v1().webhookEndpoints().retrieve(created.getId()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getCode()).isEqualTo("resource_missing"));
    }

    @Test
    void badUrlsAndUnknownEventTypesAreClearErrors() {
        StripeClient stripe = server.stripe(server.newAccount().secretKey());
        assertThatThrownBy(() -> create(stripe, "ftp://example.com/hooks"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getParam()).isEqualTo("url");
                });
        assertThatThrownBy(() -> create(stripe, "not a url"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getParam()).isEqualTo("url"));
        HttpResponse<String> typo = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                        + "/v1/webhook_endpoints"))
                .header("Authorization", "Bearer " + server.secretKey)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "url=https://example.com&enabled_events[]=payment_intent.succeded")));
        assertThat(typo.statusCode()).isEqualTo(400);
        JsonNode error = Json.parse(typo.body()).path("error");
        assertThat(error.path("param").asText()).isEqualTo("enabled_events");
        assertThat(error.path("message").asText()).contains("payment_intent.succeded");
        HttpResponse<String> missing = server.post("/v1/webhook_endpoints", "url=https://example.com");
        assertThat(Json.parse(missing.body()).path("error").path("code").asText()).isEqualTo("parameter_missing");
    }

    @Test
    void rollingTheSecretReturnsANewOneAndOnlyOnce() throws StripeException {
        String key = server.newAccount().secretKey();
        StripeClient stripe = server.stripe(key);
        WebhookEndpoint created = create(stripe, "https://example.com/hooks");
        HttpResponse<String> rolled = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                        + "/pinstripe/v1/webhook_endpoints/" + created.getId() + "/roll_secret"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("expires_in=3600")));
        assertThat(rolled.statusCode()).isEqualTo(200);
        String secret = Json.parse(rolled.body()).path("secret").asText();
        assertThat(secret).startsWith("whsec_").isNotEqualTo(created.getSecret());
        assertThat(stripe.v1().webhookEndpoints().retrieve(created.getId()).getSecret()).isNull();

        HttpResponse<String> tooLong = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                        + "/pinstripe/v1/webhook_endpoints/" + created.getId() + "/roll_secret"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("expires_in=99999999")));
        assertThat(Json.parse(tooLong.body()).path("error").path("param").asText()).isEqualTo("expires_in");
    }
}
