package dev.pinstripe.customers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinstripe.api.ApiErrors;
import dev.pinstripe.api.Json;
import dev.pinstripe.api.ListRequest;
import dev.pinstripe.api.Page;
import dev.pinstripe.api.Params;
import dev.pinstripe.api.Scope;
import dev.pinstripe.search.SearchFields;
import dev.pinstripe.search.SearchQuery;
import dev.pinstripe.search.SearchQueryException;
import dev.pinstripe.search.SqlColumns;
import dev.pinstripe.search.SqlFragment;
import dev.pinstripe.search.SqlTranslator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import org.jdbi.v3.core.Handle;

/**
 * {@code GET /v1/customers/search}: Stripe's search query language over email, name, phone,
 * created and metadata (docs/search.md). Results are newest first; {@code next_page} is an opaque
 * token holding the last result's position and a digest of the query it belongs to.
 */
final class CustomerSearch {
    static final SearchFields FIELDS = SearchFields.builder("customers")
            .text("email").text("name").text("phone").timestamp("created").metadata().build();
    private static final SqlTranslator SQL = new SqlTranslator(FIELDS, SqlColumns.builder()
            .column("email", "email").column("name", "name").column("phone", "phone").column("created", "created")
            .metadata("metadata").build());
    /** total_count is exact up to this many results, as Stripe's. */
    static final int TOTAL_COUNT_MAX = 10_000;

    private final CustomerStore store;

    CustomerSearch(CustomerStore store) {
        this.store = store;
    }

    record Request(SearchQuery query, String queryText, int limit, String page, boolean totalCount) {
        static Request parse(Params p) {
            String text = p.requiredString("query", 5000);
            long limit = p.integer("limit").orDefault((long) ListRequest.LIMIT_DEFAULT);
            if (limit < 1) {
                throw ApiErrors.limitTooSmall();
            }
            if (limit > ListRequest.LIMIT_MAX) {
                throw ApiErrors.limitTooLarge();
            }
            String page = p.string("page", 5000).orNull();
            SearchQuery query;
            try {
                query = SearchQuery.parse(text, FIELDS);
            } catch (SearchQueryException e) {
                throw ApiErrors.invalidSearchQuery(e.getMessage());
            }
            return new Request(query, text, (int) limit, page, p.expand().contains("total_count"));
        }
    }

    ObjectNode run(Handle h, Scope scope, Request request) {
        SqlFragment where = SQL.translate(request.query());
        long[] after = request.page() == null ? null : decodePage(request.page(), request.queryText());
        Page<Customer> page = store.search(h, scope, where.sql(), where.bindValues(), request.limit(), after);
        ObjectNode result = Json.object();
        result.put("object", "search_result");
        ArrayNode data = result.putArray("data");
        page.items().forEach(c -> data.add(CustomerJson.render(c)));
        result.put("has_more", page.hasMore());
        if (page.hasMore()) {
            Customer last = page.items().getLast();
            result.put("next_page", encodePage(store.position(h, scope, last.id()), request.queryText()));
        } else {
            result.putNull("next_page");
        }
        if (request.totalCount()) {
            result.put("total_count", store.count(h, scope, where.sql(), where.bindValues(), TOTAL_COUNT_MAX));
        }
        result.put("url", "/v1/customers/search");
        return result;
    }

    static String encodePage(long[] position, String query) {
        String token = "v1:" + position[0] + ":" + position[1] + ":" + queryDigest(query);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token.getBytes(StandardCharsets.UTF_8));
    }

    static long[] decodePage(String page, String query) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(page), StandardCharsets.UTF_8).split(":");
            if (parts.length != 4 || !parts[0].equals("v1") || !parts[3].equals(queryDigest(query))) {
                throw ApiErrors.invalidPage();
            }
            return new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])};
        } catch (IllegalArgumentException e) {
            throw ApiErrors.invalidPage();
        }
    }

    private static String queryDigest(String query) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(query.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
