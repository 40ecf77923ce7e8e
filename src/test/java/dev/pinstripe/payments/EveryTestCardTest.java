package dev.pinstripe.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pinstripe.api.Json;
import dev.pinstripe.payments.network.Authorization;
import dev.pinstripe.payments.network.Behaviour;
import dev.pinstripe.payments.network.CardNetwork;
import dev.pinstripe.payments.network.Decline;
import dev.pinstripe.payments.network.Outcome;
import dev.pinstripe.payments.network.TestCard;
import dev.pinstripe.payments.network.TestCards;
import dev.pinstripe.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code pm_card_...} shortcut, paid through the API: the payment ends as the card network
 * says it should, which proves each card's behaviour survives being stored without its number.
 */
class EveryTestCardTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> shortcuts() {
        return TestCards.paymentMethodShortcuts().entrySet().stream()
                .map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shortcuts")
    void eachShortcutPaysAsTheNetworkSays(String shortcut, TestCard card) {
        HttpResponse<String> response = server.post("/v1/payment_intents",
                "amount=2000&currency=usd&confirm=true&return_url=https%3A%2F%2Fshop.example&payment_method=" + shortcut);
        JsonNode body = Json.parse(response.body());
        Authorization expected = CardNetwork.authorize(card, 2000, "usd", true, false, false);
        if (card.behaviour() instanceof Behaviour.RiskLevel r && r.level().equals(CardNetwork.RISK_HIGHEST)) {
            // Radar's default rule blocks highest-risk payments before they reach the network.
            expected = new Authorization.Declined(Decline.BLOCKED_HIGHEST_RISK,
                    Outcome.declined(Decline.BLOCKED_HIGHEST_RISK, r.level(), r.score()));
        }
        switch (expected) {
            case Authorization.Approved approved -> {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                assertThat(body.path("status").asText()).isEqualTo("succeeded");
                JsonNode charge = Json.parse(server.get("/v1/charges/" + body.path("latest_charge").asText()).body());
                assertThat(charge.path("payment_method_details").path("card").path("brand").asText())
                        .isEqualTo(card.brand());
                assertThat(charge.path("payment_method_details").path("card").path("last4").asText())
                        .isEqualTo(card.last4());
                assertThat(charge.path("outcome").path("risk_level").asText())
                        .isEqualTo(approved.outcome().riskLevel());
                assertThat(charge.path("disputed").asBoolean())
                        .isEqualTo(card.behaviour() instanceof Behaviour.Disputed);
            }
            case Authorization.Declined declined -> {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(402);
                JsonNode error = body.path("error");
                assertThat(error.path("type").asText()).isEqualTo("card_error");
                assertThat(error.path("code").asText()).isEqualTo(declined.decline().code());
                assertThat(error.path("decline_code").asText(null)).isEqualTo(declined.decline().declineCode());
                assertThat(error.path("payment_intent").path("status").asText()).isEqualTo("requires_payment_method");
                JsonNode charge = Json.parse(server.get("/v1/charges/" + error.path("charge").asText()).body());
                assertThat(charge.path("status").asText()).isEqualTo("failed");
                assertThat(charge.path("outcome").path("type").asText()).isEqualTo(declined.outcome().type());
            }
            case Authorization.AuthenticationRequired required -> {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                assertThat(body.path("status").asText()).isEqualTo("requires_action");
                assertThat(body.path("next_action").path("type").asText()).isEqualTo("redirect_to_url");
            }
        }
    }

}
