package dev.pinstripe.api;

import dev.pinstripe.search.SearchFields;
import dev.pinstripe.search.SearchQuery;
import dev.pinstripe.search.SearchQueryException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The parameters every {@code GET /v1/.../search} takes ({@code query}, {@code limit}, {@code page},
 * {@code expand[]=total_count}), checked before anything executes, and the page tokens they use.
 * A page token holds a position ({@code created}, {@code seq}) and is bound to its resource and
 * query: a token from another search is a 400 naming {@code page}.
 */
public record SearchRequest(String resource, SearchQuery query, String queryText, int limit, String page,
        boolean totalCount) {
    static final int QUERY_LENGTH_MAX = 5000;
    static final int PAGE_LENGTH_MAX = 5000;
    /** total_count is exact up to this many results, as Stripe's. */
    public static final int TOTAL_COUNT_MAX = 10_000;

    public static SearchRequest parse(Params p, SearchFields fields) {
        String text = p.requiredString("query", QUERY_LENGTH_MAX);
        long limit = p.integer("limit").orDefault((long) ListRequest.LIMIT_DEFAULT);
        if (limit < 1) {
            throw ApiErrors.limitTooSmall();
        }
        if (limit > ListRequest.LIMIT_MAX) {
            throw ApiErrors.limitTooLarge();
        }
        String page = p.string("page", PAGE_LENGTH_MAX).orNull();
        SearchQuery query;
        try {
            query = SearchQuery.parse(text, fields);
        } catch (SearchQueryException e) {
            throw ApiErrors.invalidSearchQuery(e.getMessage());
        }
        return new SearchRequest(fields.resource(), query, text, (int) limit, page, p.expand().contains("total_count"));
    }

    /** The position after which this page starts, or null for the first page. */
    public long[] after() {
        return page == null ? null : decodePage(page, resource, queryText);
    }

    /** The token for the page after the item at ({@code created}, {@code seq}). */
    public String nextPage(long created, long seq) {
        return encodePage(created, seq, resource, queryText);
    }

    static String encodePage(long created, long seq, String resource, String query) {
        String token = "v1:" + created + ":" + seq + ":" + digest(resource, query);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token.getBytes(StandardCharsets.UTF_8));
    }

    static long[] decodePage(String page, String resource, String query) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(page), StandardCharsets.UTF_8).split(":");
            if (parts.length != 4 || !parts[0].equals("v1") || !parts[3].equals(digest(resource, query))) {
                throw ApiErrors.invalidPage();
            }
            return new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])};
        } catch (IllegalArgumentException e) {
            throw ApiErrors.invalidPage();
        }
    }

    private static String digest(String resource, String query) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(resource.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return HexFormat.of().formatHex(sha.digest(query.getBytes(StandardCharsets.UTF_8)), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
