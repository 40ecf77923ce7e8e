package dev.pinstripe.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Balance;
import com.stripe.model.Event;
import com.stripe.param.EventListParams;
import com.stripe.param.PaymentIntentCreateParams;
import dev.pinstripe.events.EventLog;
import dev.pinstripe.testing.TestServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** balance.available: recorded once when funds become available, never twice for the same funds. */
class BalanceAnnouncerTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<Event> announcements(StripeClient stripe) throws StripeException {
        return stripe.v1().events().list(EventListParams.builder().setType("balance.available").build()).getData();
    }

    @Test
    void fundsAreAnnouncedWhenTheyBecomeAvailable() throws StripeException {
        StripeClient stripe = server.stripe(server.newAccount().secretKey());
        BalanceAnnouncer announcer = new BalanceAnnouncer(server.pinstripe().database().jdbi(), server.clock,
                new Ledger(server.clock), new EventLog(server.clock));
        for (String card : List.of("pm_card_visa", "pm_card_bypassPending")) {
            stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(10_000L)
                    .setCurrency("usd").setPaymentMethod(card).setConfirm(true).build());
        }
        // Available "now" is announced once this second has passed, so nothing recorded later in it is missed.
        announcer.announce();
        assertThat(announcements(stripe)).isEmpty();

        server.clock.advance(Duration.ofSeconds(1));
        announcer.announce();
        List<Event> first = announcements(stripe);
        assertThat(first).hasSize(1);
        Balance atFirst = (Balance) first.getFirst().getDataObjectDeserializer().deserializeUnsafe();
        assertThat(atFirst.getAvailable().getFirst().getAmount()).isEqualTo(10_000L - 320L);

        announcer.announce();
        server.clock.advance(Duration.ofHours(1));
        announcer.announce();
        assertThat(announcements(stripe)).hasSize(1);

        server.clock.advance(Duration.ofDays(3));
        announcer.announce();
        List<Event> second = announcements(stripe);
        assertThat(second).hasSize(2);
        Balance atSecond = (Balance) second.getFirst().getDataObjectDeserializer().deserializeUnsafe();
        assertThat(atSecond.getAvailable().getFirst().getAmount()).isEqualTo(2 * (10_000L - 320L));
    }
}
