package dev.pinstripe.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import dev.pinstripe.events.EventJson;
import dev.pinstripe.events.StoredEvent;
import dev.pinstripe.testing.ManualClock;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    static final String CURRENT = "whsec_current0123456789abcdefghijklmn";
    static final String PREVIOUS = "whsec_previous0123456789abcdefghijklm";
    final ManualClock clock = ManualClock.atTheStartOf2026();
    final String payload = EventJson.payload(new StoredEvent(7, "evt_1SigTest0000001", "acct_1", false,
            clock.instant().getEpochSecond(), "customer.created", "cus_1", "2026-10-28.endive", "req_1", null, 1,
            "{\"object\":{\"id\":\"cus_1\",\"object\":\"customer\"}}"), 1);

    @Test
    void headerHasTheTimestampAndOneV1PerSecretCurrentFirst() {
        long t = clock.instant().getEpochSecond();
        String header = WebhookSignature.header(t, payload, List.of(CURRENT, PREVIOUS));

        assertThat(header).matches("t=" + t + ",v1=[0-9a-f]{64},v1=[0-9a-f]{64}");
        assertThat(header.split(",")[1]).isEqualTo("v1=" + WebhookSignature.hmacHex(CURRENT, t + "." + payload));
    }

    @Test
    void stripeJavaVerifiesTheSignatureWithEitherSecretDuringARoll() throws Exception {
        String header = WebhookSignature.header(clock.instant().getEpochSecond(), payload, List.of(CURRENT, PREVIOUS));

        Event withCurrent = Webhook.constructEvent(payload, header, CURRENT, Webhook.DEFAULT_TOLERANCE, clock);
        Event withPrevious = Webhook.constructEvent(payload, header, PREVIOUS, Webhook.DEFAULT_TOLERANCE, clock);

        assertThat(withCurrent.getId()).isEqualTo("evt_1SigTest0000001");
        assertThat(withPrevious.getType()).isEqualTo("customer.created");
    }

    @Test
    void aWrongSecretOrAChangedPayloadFailsVerification() {
        String header = WebhookSignature.header(clock.instant().getEpochSecond(), payload, List.of(CURRENT));

        assertThatThrownBy(() -> Webhook.constructEvent(payload, header, "whsec_wrong", Webhook.DEFAULT_TOLERANCE,
                clock)).isInstanceOf(SignatureVerificationException.class);
        assertThatThrownBy(() -> Webhook.constructEvent(payload.replace("cus_1", "cus_2"), header, CURRENT,
                Webhook.DEFAULT_TOLERANCE, clock)).isInstanceOf(SignatureVerificationException.class);
        // Only the current secret signs, so the previous one no longer verifies.
        assertThatThrownBy(() -> Webhook.constructEvent(payload, header, PREVIOUS, Webhook.DEFAULT_TOLERANCE, clock))
                .isInstanceOf(SignatureVerificationException.class);
    }

    @Test
    void thePreviousSecretSignsOnlyUntilItExpires() {
        long now = clock.instant().getEpochSecond();

        assertThat(WebhookSignature.signingSecrets(CURRENT, PREVIOUS, now + 1, now)).containsExactly(CURRENT, PREVIOUS);
        assertThat(WebhookSignature.signingSecrets(CURRENT, PREVIOUS, now, now)).containsExactly(CURRENT);
        assertThat(WebhookSignature.signingSecrets(CURRENT, PREVIOUS, null, now)).containsExactly(CURRENT);
        assertThat(WebhookSignature.signingSecrets(CURRENT, null, null, now)).containsExactly(CURRENT);
    }
}
