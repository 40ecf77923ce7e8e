package dev.pinstripe.webhooks;

import dev.pinstripe.api.ApiErrors;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Webhook endpoint URLs: what an endpoint may be created with, and, at delivery time, which
 * addresses Pinstripe refuses to connect to when private targets are not allowed (SSRF protection).
 */
public final class WebhookUrls {
    public static final int LENGTH_MAX = 2048;
    public static final String TARGET_NOT_ALLOWED = "target address not allowed";

    private WebhookUrls() {}

    /**
     * The URL if it is an absolute {@code http} or {@code https} URL with a host, at most
     * {@value #LENGTH_MAX} characters, without user info or fragment; otherwise an {@code url_invalid}
     * API error on {@code param}.
     */
    public static URI validate(String param, String url) {
        if (url.length() > LENGTH_MAX) {
            throw ApiErrors.urlInvalid(param, "the URL must be at most " + LENGTH_MAX + " characters.");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw ApiErrors.urlInvalid(param, url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.isOpaque() || !(scheme.equals("http") || scheme.equals("https"))) {
            throw ApiErrors.urlInvalid(param, url + " (the URL must start with http:// or https://).");
        }
        if (uri.getRawUserInfo() != null) {
            throw ApiErrors.urlInvalid(param, "the URL must not contain a user name or password.");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw ApiErrors.urlInvalid(param, url + " (the URL must have a valid host name).");
        }
        if (uri.getPort() > 65535) {
            throw ApiErrors.urlInvalid(param, url + " (the port must be 1-65535).");
        }
        if (uri.getRawFragment() != null) {
            throw ApiErrors.urlInvalid(param, url + " (the URL must not contain a fragment, '#...').");
        }
        return uri;
    }

    /**
     * Resolves a host and returns null when every address it has is public, or the error to record
     * for the attempt otherwise ({@value #TARGET_NOT_ALLOWED} or an unresolvable host).
     */
    static String refusal(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return "could not resolve host " + host;
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                return TARGET_NOT_ALLOWED + " (" + host + " is " + address.getHostAddress() + ")";
            }
        }
        return null;
    }

    /**
     * False for addresses a webhook must not reach when private targets are not allowed: loopback,
     * site-local (10/8, 172.16/12, 192.168/16, fec0::/10), link-local (169.254/16, which holds the cloud
     * metadata address 169.254.169.254, and fe80::/10), any-local, multicast, unique-local fc00::/7,
     * shared address space 100.64/10, "this network" 0/8 and reserved 240/4 (broadcast included).
     * IPv4 addresses embedded in IPv6 (IPv4-compatible, NAT64 64:ff9b::/96) are judged as IPv4.
     */
    public static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0 // 0.0.0.0/8
                    && !(first == 100 && (second & 0xc0) == 64) // 100.64.0.0/10
                    && first < 240; // 240.0.0.0/4 and 255.255.255.255
        }
        if (address instanceof Inet6Address v6) {
            if ((b[0] & 0xfe) == 0xfc) { // fc00::/7
                return false;
            }
            if (v6.isIPv4CompatibleAddress() || isNat64(b)) {
                byte[] v4 = {b[12], b[13], b[14], b[15]};
                try {
                    return isPublic(InetAddress.getByAddress(v4));
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e); // four bytes are always an IPv4 address
                }
            }
        }
        return true;
    }

    private static boolean isNat64(byte[] b) {
        if ((b[0] & 0xff) != 0x00 || (b[1] & 0xff) != 0x64 || (b[2] & 0xff) != 0xff || (b[3] & 0xff) != 0x9b) {
            return false;
        }
        for (int i = 4; i < 12; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
