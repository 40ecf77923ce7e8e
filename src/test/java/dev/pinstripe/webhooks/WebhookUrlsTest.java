package dev.pinstripe.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pinstripe.api.ApiException;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookUrlsTest {
    @ParameterizedTest
    @ValueSource(strings = {"https://example.com/hooks", "http://localhost:4242/webhook", "HTTPS://EXAMPLE.COM",
            "https://example.com:8443/a?b=c", "http://[::1]:8080/x"})
    void absoluteHttpAndHttpsUrlsWithAHostAreAccepted(String url) {
        assertThat(WebhookUrls.validate("url", url).toString()).isEqualTo(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com/hooks", "/hooks", "ftp://example.com/", "mailto:a@example.com",
            "https://user:pass@example.com/", "https://user@example.com/", "https://example.com/#frag",
            "https:///nohost", "http://exa mple.com/", "https://example.com:99999/", "", "javascript:alert(1)"})
    void otherUrlsAreRejectedWithUrlInvalid(String url) {
        ApiException e = catchThrowableOfType(ApiException.class, () -> WebhookUrls.validate("url", url));

        assertThat(e).isNotNull();
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.type()).isEqualTo("invalid_request_error");
        assertThat(e.code()).isEqualTo("url_invalid");
        assertThat(e.param()).isEqualTo("url");
        assertThat(e.getMessage()).startsWith("Invalid URL: ");
    }

    @Test
    void urlsLongerThan2048CharactersAreRejected() {
        String base = "https://example.com/";
        String ok = base + "a".repeat(2048 - base.length());

        assertThat(WebhookUrls.validate("url", ok)).isNotNull();
        ApiException e = catchThrowableOfType(ApiException.class, () -> WebhookUrls.validate("url", ok + "a"));
        assertThat(e.code()).isEqualTo("url_invalid");
        assertThat(e.getMessage()).contains("2048");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254",
            "169.254.1.1", "0.0.0.0", "0.1.2.3", "100.64.0.1", "100.127.255.255", "224.0.0.1", "255.255.255.255",
            "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "fec0::1", "ff02::1", "::ffff:127.0.0.1",
            "::ffff:10.1.2.3", "64:ff9b::a9fe:a9fe", "::127.0.0.1"})
    void privateAndSpecialAddressesAreNotPublic(String address) throws Exception {
        assertThat(WebhookUrls.isPublic(InetAddress.getByName(address))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "100.63.255.255", "100.128.0.1", "172.32.0.1",
            "2606:4700::1111", "64:ff9b::808:808"})
    void publicAddressesArePublic(String address) throws Exception {
        assertThat(WebhookUrls.isPublic(InetAddress.getByName(address))).isTrue();
    }

    @Test
    void aHostResolvingToLoopbackIsRefused() {
        assertThat(WebhookUrls.refusal("localhost")).startsWith(WebhookUrls.TARGET_NOT_ALLOWED);
        assertThat(WebhookUrls.refusal("127.0.0.1")).startsWith(WebhookUrls.TARGET_NOT_ALLOWED);
        assertThat(WebhookUrls.refusal("[::1]")).startsWith(WebhookUrls.TARGET_NOT_ALLOWED);
        assertThat(WebhookUrls.refusal("93.184.216.34")).isNull();
    }
}
