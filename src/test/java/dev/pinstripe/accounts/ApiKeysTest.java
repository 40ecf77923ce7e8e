package dev.pinstripe.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiKeysTest {
    @Test
    void redactionShowsTheFirstEightAndLastFourCharactersAsStripeDoes() {
        assertThat(ApiKeys.redact("sk_test_fake_local_no_real_calls")).isEqualTo("sk_test_********************alls");
        assertThat(ApiKeys.redact("undefined")).isEqualTo("*****ined");
    }

    @Test
    void generatedKeysHaveStripesPrefixesAndAreWellFormed() {
        String sk = ApiKeys.generate(ApiKeys.Kind.SECRET, false);
        String pk = ApiKeys.generate(ApiKeys.Kind.PUBLISHABLE, true);
        assertThat(sk).startsWith("sk_test_").hasSize(8 + ApiKeys.SECRET_LENGTH);
        assertThat(pk).startsWith("pk_live_");
        assertThat(ApiKeys.wellFormed(sk)).isTrue();
        assertThat(ApiKeys.wellFormed("sk_test_ spaces")).isFalse();
        assertThat(ApiKeys.wellFormed("Bearer")).isFalse();
    }

    @Test
    void keysAreStoredAsDigestsThatDifferPerKey() {
        assertThat(ApiKeys.sha256("sk_test_a")).hasSize(32).isNotEqualTo(ApiKeys.sha256("sk_test_b"));
    }
}
