package dev.pinstripe.radar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rule attributes of a payment, and their compact stored form. */
class RadarAttributesTest {
    private static final long T0 = 1_767_225_600L;

    private static PaymentSignals payment(String email, String ip) {
        return new PaymentSignals(T0, 12_345, "usd", 12_345, "fp_a", "visa", "credit", "US", "cus_a", email, ip, null,
                null, "US", null, null, null, Map.of(), true);
    }

    @Test
    void velocityCountsEarlierPaymentsOfEachSubject() {
        MemoryHistories h = new MemoryHistories();
        PaymentSignals s = payment("Buyer@Example.com", "203.0.113.9");
        h.record(HistoryKeys.card(s), T0 - 60, 100, true);
        h.record(HistoryKeys.ip(s), T0 - 7_200, 100, false);
        Map<String, Object> a = RadarAttributes.of(s, h, 42, "normal");

        assertThat(a).containsEntry("total_charges_per_card_number_hourly", 1L)
                .containsEntry("declined_charges_per_card_number_hourly", 1L)
                .containsEntry("total_charges_per_ip_address_hourly", 0L)
                .containsEntry("total_charges_per_ip_address_daily", 1L)
                .containsEntry("amount_in_usd", 123.45).containsEntry("email", "buyer@example.com")
                .containsEntry("email_domain", "example.com").containsEntry("risk_score", 42L)
                .containsEntry("is_new_card_on_customer", true).containsEntry("seconds_since_card_first_seen", 60L);
        assertThat(a.keySet()).allMatch(k -> RadarAttributes.CATALOG.type(k).isPresent());
    }

    @Test
    void compactFormLeavesOutZeroCountsAndRestoresThem() {
        MemoryHistories h = new MemoryHistories();
        PaymentSignals s = payment("buyer@example.com", null);
        h.record(HistoryKeys.card(s), T0 - 60, 100, false);
        Map<String, Object> a = RadarAttributes.of(s, h, 10, "normal");
        Map<String, Object> kept = RadarAttributes.compact(a);

        assertThat(kept).doesNotContainKey("total_charges_per_email_daily")
                .containsEntry("total_charges_per_card_number_hourly", 1L);
        assertThat(kept.size()).isLessThan(a.size());
        assertThat(RadarAttributes.restore(kept)).isEqualTo(a);
        // No IP: its velocity stays unknown rather than zero.
        assertThat(RadarAttributes.restore(kept)).doesNotContainKey("total_charges_per_ip_address_hourly");
    }
}
