package dev.pinstripe.radar;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Turns a payment and the histories of its card, customer, email, IP address and billing address
 * into the model's feature vector. The one place features are defined: the server, training,
 * evaluation and backtests all call it, so what the model learnt is what it is given.
 *
 * <p>Histories are read before the payment is recorded: every count is of earlier payments. Long
 * horizons (how long a card has been seen) are capped at {@link #AGE_CAP_DAYS}, so that a replay
 * that starts cold and a server that has run for years give the same values after that long.
 */
public final class FeatureExtractor {
    /** How many days of "seen for" the features tell apart. */
    static final double AGE_CAP_DAYS = 30;
    private static final double DAY = 86_400.0;
    private static final double SECONDS_SINCE_LAST_CAP = 7 * DAY;
    private static final long TWO_DAYS = 2 * 86_400;
    /** A payment this many times the card's average amount counts as one of its high ones. */
    static final double HIGH_AMOUNT_TO_AVERAGE = 3;

    /** The fixed features, in vector order; the metadata inputs follow as {@code metadata.<key>}. */
    public static final List<String> BASE_FEATURES = List.of(
            "amount_usd", "hour_of_day", "day_of_week", "currency", "card_brand", "card_funding", "card_country",
            "card_count_1h", "card_count_24h", "card_count_7d",
            "card_amount_1h", "card_amount_24h", "card_amount_7d",
            "card_declines_24h", "card_amount_to_average", "card_average_amount", "card_spend_24h_to_daily",
            "card_seconds_since_last", "card_age_days",
            "customer_count_24h", "customer_amount_24h", "customer_age_days", "customer_amount_to_average",
            "email_count_24h", "email_age_days",
            "ip_count_1h", "ip_count_24h", "ip_declines_1h",
            "address_count_24h", "billing_merchant_km", "card_country_matches_ip", "new_card_on_customer",
            "card_band_count_24h", "card_band_share_7d", "card_night_count_24h", "card_night_share_7d",
            "card_night_amount_24h", "card_count_24h_to_daily",
            "card_count_48h", "card_amount_48h", "card_night_count_48h", "card_count_6h",
            "card_seconds_since_last_night", "card_high_count_24h", "card_high_count_48h",
            "card_high_amount_48h", "card_seconds_since_last_high");
    /** The features that need the customer's time zone; missing without one. */
    static final List<String> TIME_OF_DAY_FEATURES = List.of("hour_of_day", "day_of_week", "card_band_count_24h",
            "card_band_share_7d", "card_night_count_24h", "card_night_share_7d", "card_night_amount_24h",
            "card_night_count_48h", "card_seconds_since_last_night");
    /** Per metadata input, the card's habits within the payment's value of it. */
    static final List<String> METADATA_FEATURES = List.of("", ".card_count_7d", ".card_amount_to_average",
            ".card_age_days", ".card_amount_24h", ".amount_to_account_average");

    private final List<String> metadataInputs;
    private final Map<String, Vocabulary> vocabularies;
    private final List<String> names;

    /**
     * @param metadataInputs metadata keys the model reads, in vector order
     * @param vocabularies   codes of the categorical features: currency, card_brand, card_funding,
     *                       card_country and {@code metadata.<key>}; a missing one codes everything as NaN
     */
    public FeatureExtractor(List<String> metadataInputs, Map<String, Vocabulary> vocabularies) {
        this.metadataInputs = List.copyOf(metadataInputs);
        this.vocabularies = Map.copyOf(vocabularies);
        List<String> all = new ArrayList<>(BASE_FEATURES);
        metadataInputs.forEach(k -> METADATA_FEATURES.forEach(f -> all.add("metadata." + k + f)));
        this.names = Collections.unmodifiableList(all);
    }

    public List<String> names() {
        return names;
    }

    public List<String> metadataInputs() {
        return metadataInputs;
    }

    /** The features of {@code s}, from its histories as they were before it. */
    public float[] extract(PaymentSignals s, Histories histories) {
        float[] v = new float[names.size()];
        long t = s.time();
        double amount = s.amountUsdCents() == PaymentSignals.UNKNOWN_AMOUNT ? Double.NaN : s.amountUsdCents() / 100.0;
        int i = 0;
        v[i++] = (float) amount;
        if (s.timeZone() != null) {
            ZonedDateTime local = Instant.ofEpochSecond(t).atZone(s.timeZone());
            v[i++] = local.getHour() + local.getMinute() / 60f;
            v[i++] = local.getDayOfWeek().getValue();
        } else {
            v[i++] = Float.NaN;
            v[i++] = Float.NaN;
        }
        v[i++] = code("currency", s.currency());
        v[i++] = code("card_brand", s.cardBrand());
        v[i++] = code("card_funding", s.cardFunding());
        v[i++] = code("card_country", s.cardCountry());

        KeyHistory card = histories.get(HistoryKeys.card(s));
        v[i++] = card.count(Window.HOUR, t);
        v[i++] = card.count(Window.DAY, t);
        v[i++] = card.count(Window.WEEK, t);
        v[i++] = card.sumCents(Window.HOUR, t) / 100f;
        float day = card.sumCents(Window.DAY, t) / 100f;
        v[i++] = day;
        float week = card.sumCents(Window.WEEK, t) / 100f;
        v[i++] = week;
        v[i++] = card.declines(Window.DAY, t);
        double average = card.averageAmountUsd();
        v[i++] = (float) (amount / Math.max(1.0, average));
        v[i++] = (float) average;
        v[i++] = week > 0 ? day / (week / 7f) : Float.NaN;
        v[i++] = card.seen() ? (float) Math.min(card.secondsSinceLastSeen(t), SECONDS_SINCE_LAST_CAP) : Float.NaN;
        v[i++] = ageDays(card, t);

        KeyHistory customer = history(histories, HistoryKeys.customer(s));
        v[i++] = customer == null ? Float.NaN : customer.count(Window.DAY, t);
        v[i++] = customer == null ? Float.NaN : customer.sumCents(Window.DAY, t) / 100f;
        v[i++] = customer == null ? Float.NaN : ageDays(customer, t);
        v[i++] = customer == null ? Float.NaN : (float) (amount / Math.max(1.0, customer.averageAmountUsd()));

        KeyHistory email = history(histories, HistoryKeys.email(s));
        v[i++] = email == null ? Float.NaN : email.count(Window.DAY, t);
        v[i++] = email == null ? Float.NaN : ageDays(email, t);

        KeyHistory ip = history(histories, HistoryKeys.ip(s));
        v[i++] = ip == null ? Float.NaN : ip.count(Window.HOUR, t);
        v[i++] = ip == null ? Float.NaN : ip.count(Window.DAY, t);
        v[i++] = ip == null ? Float.NaN : ip.declines(Window.HOUR, t);

        KeyHistory address = history(histories, HistoryKeys.address(s));
        v[i++] = address == null ? Float.NaN : address.count(Window.DAY, t);
        v[i++] = s.billingLocation() != null && s.merchantLocation() != null
                ? (float) s.billingLocation().kilometresTo(s.merchantLocation()) : Float.NaN;
        v[i++] = s.cardCountry() != null && s.ipCountry() != null
                ? (s.cardCountry().equals(s.ipCountry()) ? 1 : 0) : Float.NaN;
        v[i++] = s.newCardOnCustomer() ? 1 : 0;
        KeyHistory band = history(histories, HistoryKeys.cardTimeBand(s));
        v[i++] = band == null ? Float.NaN : band.count(Window.DAY, t);
        int cardWeek = card.count(Window.WEEK, t);
        v[i++] = band == null || cardWeek == 0 ? Float.NaN : band.count(Window.WEEK, t) / (float) cardWeek;
        KeyHistory night = history(histories, HistoryKeys.cardNight(s));
        v[i++] = night == null ? Float.NaN : night.count(Window.DAY, t);
        v[i++] = night == null || cardWeek == 0 ? Float.NaN : night.count(Window.WEEK, t) / (float) cardWeek;
        v[i++] = night == null ? Float.NaN : night.sumCents(Window.DAY, t) / 100f;
        v[i++] = cardWeek == 0 ? Float.NaN : card.count(Window.DAY, t) / (cardWeek / 7f);
        v[i++] = card.count(Window.WEEK, t, TWO_DAYS);
        v[i++] = card.sumCents(Window.WEEK, t, TWO_DAYS) / 100f;
        v[i++] = night == null ? Float.NaN : night.count(Window.WEEK, t, TWO_DAYS);
        v[i++] = card.count(Window.DAY, t, 6 * 3_600);
        v[i++] = night == null || !night.seen() ? Float.NaN
                : (float) Math.min(night.secondsSinceLastSeen(t), SECONDS_SINCE_LAST_CAP);
        KeyHistory high = histories.get(HistoryKeys.cardHigh(s));
        v[i++] = high.count(Window.DAY, t);
        v[i++] = high.count(Window.WEEK, t, TWO_DAYS);
        v[i++] = high.sumCents(Window.WEEK, t, TWO_DAYS) / 100f;
        v[i++] = high.seen() ? (float) Math.min(high.secondsSinceLastSeen(t), SECONDS_SINCE_LAST_CAP) : Float.NaN;
        for (String key : metadataInputs) {
            v[i++] = code("metadata." + key, s.metadata().get(key));
            KeyHistory within = history(histories, HistoryKeys.cardMetadata(s, key));
            v[i++] = within == null ? Float.NaN : within.count(Window.WEEK, t);
            v[i++] = within == null ? Float.NaN : (float) (amount / Math.max(1.0, within.averageAmountUsd()));
            v[i++] = within == null ? Float.NaN : ageDays(within, t);
            v[i++] = within == null ? Float.NaN : within.sumCents(Window.DAY, t) / 100f;
            KeyHistory value = history(histories, HistoryKeys.metadataValue(s, key));
            v[i++] = value == null ? Float.NaN : (float) (amount / Math.max(1.0, value.averageAmountUsd()));
        }
        return v;
    }

    /**
     * Records {@code s} in the histories of its card, customer, email, IP address and billing address,
     * of the card within the payment's part of the day and metadata values, of the account's metadata
     * values, and of the card's high payments when it is one (judged before it moves the average).
     */
    public void record(PaymentSignals s, Histories histories, boolean declined) {
        long cents = Math.max(0, s.amountUsdCents());
        if (cents / 100.0 > HIGH_AMOUNT_TO_AVERAGE * histories.get(HistoryKeys.card(s)).averageAmountUsd()) {
            histories.record(HistoryKeys.cardHigh(s), s.time(), cents, declined);
        }
        for (String key : HistoryKeys.all(s, metadataInputs)) {
            histories.record(key, s.time(), cents, declined);
        }
    }

    private static KeyHistory history(Histories histories, String key) {
        return key == null ? null : histories.get(key);
    }

    private static float ageDays(KeyHistory h, long t) {
        long seconds = h.secondsSinceFirstSeen(t);
        return seconds < 0 ? 0 : (float) Math.min(seconds / DAY, AGE_CAP_DAYS);
    }

    private float code(String feature, String value) {
        Vocabulary vocabulary = vocabularies.get(feature);
        return vocabulary == null ? Float.NaN : vocabulary.code(value);
    }

    /** The UTC zone, for datasets whose timestamps are local wall-clock times written as UTC. */
    public static final java.time.ZoneId WALL_CLOCK = ZoneOffset.UTC;
}
