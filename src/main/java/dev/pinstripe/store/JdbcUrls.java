package dev.pinstripe.store;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Turns the database URLs people have into JDBC URLs. */
public final class JdbcUrls {
    private JdbcUrls() {}

    /** Accepts {@code jdbc:postgresql://...} as is, and {@code postgres[ql]://user:pass@host:port/db?params}. */
    public static String toJdbc(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            return url;
        }
        if (!url.startsWith("postgres://") && !url.startsWith("postgresql://")) {
            throw new IllegalArgumentException("Unsupported database URL (expected jdbc:postgresql://... or"
                    + " postgres://user:password@host:port/database): " + redact(url));
        }
        URI uri = URI.create(url);
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
        if (uri.getPort() > 0) {
            jdbc.append(':').append(uri.getPort());
        }
        jdbc.append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/postgres" : uri.getRawPath());
        StringBuilder query = new StringBuilder(uri.getRawQuery() == null ? "" : uri.getRawQuery());
        if (uri.getRawUserInfo() != null) {
            String[] userInfo = uri.getRawUserInfo().split(":", 2);
            appendParam(query, "user", URLDecoder.decode(userInfo[0], StandardCharsets.UTF_8));
            if (userInfo.length == 2) {
                appendParam(query, "password", URLDecoder.decode(userInfo[1], StandardCharsets.UTF_8));
            }
        }
        if (!query.isEmpty()) {
            jdbc.append('?').append(query);
        }
        return jdbc.toString();
    }

    /** The URL without its password, for logs and error messages. */
    public static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***").replaceAll("(://[^:/@]+:)[^@]*@", "$1***@");
    }

    private static void appendParam(StringBuilder query, String name, String value) {
        if (!query.isEmpty()) {
            query.append('&');
        }
        query.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
}
