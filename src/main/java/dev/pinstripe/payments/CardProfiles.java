package dev.pinstripe.payments;

import dev.pinstripe.payments.network.Behaviour;
import dev.pinstripe.payments.network.CardChecks;
import dev.pinstripe.payments.network.CardNetwork;
import dev.pinstripe.payments.network.Funding;
import dev.pinstripe.payments.network.TestCard;
import dev.pinstripe.payments.network.TestCards;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * How a stored payment method finds its behaviour on the simulated network without its number:
 * a public Stripe test card is stored as a digest of its (public) number; any other card is
 * {@link #GENERIC} and behaves as a plain successful card. Digests of numbers that are not public
 * test cards are never stored, so nothing stored can be brute-forced back into a real card number.
 */
final class CardProfiles {
    static final String GENERIC = "generic";
    static final String TEST_PREFIX = "test_";
    static final int DIGEST_HEX_CHARS = 40;
    private static final Map<String, TestCard> BY_PROFILE = new HashMap<>();

    static {
        for (TestCard card : TestCards.all()) {
            BY_PROFILE.putIfAbsent(digest(card.number()), card);
        }
    }

    private CardProfiles() {}

    static String profileOf(TestCard card) {
        String profile = digest(card.number());
        TestCard known = BY_PROFILE.get(profile);
        return known != null && known.number().equals(card.number()) ? profile : GENERIC;
    }

    static TestCard resolve(String profile, PaymentMethod.Card card) {
        TestCard known = BY_PROFILE.get(profile);
        if (known != null) {
            return known;
        }
        // A generic card: the network needs only its brand, funding and country.
        return new TestCard("0000000000000000", card.brand(), Funding.valueOf(card.funding().toUpperCase(Locale.ROOT)),
                card.country(), new Behaviour.Succeeds());
    }

    /** The check results of a card, as they will show once the card is first used. */
    static PaymentMethod.Checks checks(TestCard card, boolean cvcGiven, boolean line1Given, boolean postalGiven) {
        CardChecks c = CardNetwork.checks(card, cvcGiven, line1Given, postalGiven);
        return new PaymentMethod.Checks(c.addressLine1Check(), c.addressPostalCodeCheck(), c.cvcCheck());
    }

    private static String digest(String number) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(number.getBytes(StandardCharsets.US_ASCII));
            return TEST_PREFIX + HexFormat.of().formatHex(d).substring(0, DIGEST_HEX_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
