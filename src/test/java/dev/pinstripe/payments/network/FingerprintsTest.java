package dev.pinstripe.payments.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Per-account card fingerprints. */
class FingerprintsTest {

    private static final byte[] ACCOUNT_A = "account-a-secret".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ACCOUNT_B = "account-b-secret".getBytes(StandardCharsets.UTF_8);

    @Test
    void fingerprintIsSixteenBase62Characters() {
        assertThat(Fingerprints.of(ACCOUNT_A, "4242424242424242")).matches("[0-9A-Za-z]{16}");
    }

    @Test
    void sameCardAndSameAccountKeyGiveTheSameFingerprint() {
        assertThat(Fingerprints.of(ACCOUNT_A, "4242424242424242")).isEqualTo(Fingerprints.of(ACCOUNT_A.clone(), "4242424242424242"));
    }

    @Test
    void separatorsDoNotChangeTheFingerprint() {
        assertThat(Fingerprints.of(ACCOUNT_A, "4242 4242-4242 4242")).isEqualTo(Fingerprints.of(ACCOUNT_A, "4242424242424242"));
    }

    @Test
    void differentAccountKeysGiveDifferentFingerprints() {
        assertThat(Fingerprints.of(ACCOUNT_A, "4242424242424242")).isNotEqualTo(Fingerprints.of(ACCOUNT_B, "4242424242424242"));
    }

    @Test
    void differentCardsGiveDifferentFingerprints() {
        Set<String> fingerprints = new HashSet<>();
        for (TestCard card : TestCards.all()) {
            fingerprints.add(Fingerprints.of(ACCOUNT_A, card.number()));
        }
        assertThat(fingerprints).hasSize(TestCards.all().size());
    }

    @Test
    void fingerprintIsAPinnedValueForAFixedKey() {
        // HMAC-SHA256(key 0x01, "4242424242424242"), first 12 bytes big-endian, 16 base62 digits least
        // significant first; computed independently. A change here changes every stored fingerprint.
        assertThat(Fingerprints.of(new byte[] {1}, "4242424242424242")).isEqualTo("BCJvvZwg1DZNpQzT");
    }

    @Test
    void fingerprintDoesNotContainTheNumber() {
        assertThat(Fingerprints.of(ACCOUNT_A, "4242424242424242")).doesNotContain("4242");
    }

    @Test
    void emptyKeyOrNonDigitsAreProgrammingErrors() {
        assertThatThrownBy(() -> Fingerprints.of(new byte[0], "4242424242424242")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fingerprints.of(ACCOUNT_A, "4242x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fingerprints.of(ACCOUNT_A, "")).isInstanceOf(IllegalArgumentException.class);
    }
}
