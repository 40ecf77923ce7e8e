package dev.pinstripe.events;

/**
 * An event as stored in {@code events}.
 *
 * @param seq       Pinstripe's order, shown as {@code pinstripe_sequence}
 * @param data      the rendered {@code data} member, JSON text
 * @param endpoints how many webhook endpoints it was sent to when created
 */
public record StoredEvent(long seq, String id, String accountId, boolean livemode, long created, String type,
        String objectId, String apiVersion, String requestId, String idempotencyKey, int endpoints, String data) {

    /** The columns, in this record's order, for {@code SELECT} lists. */
    public static final String COLUMNS = "seq, id, account_id, livemode, created, type, object_id, api_version,"
            + " request_id, idempotency_key, endpoints, data";

    public static final org.jdbi.v3.core.mapper.RowMapper<StoredEvent> MAPPER = (rs, ctx) -> new StoredEvent(
            rs.getLong("seq"), rs.getString("id"), rs.getString("account_id"), rs.getBoolean("livemode"),
            rs.getLong("created"), rs.getString("type"), rs.getString("object_id"), rs.getString("api_version"),
            rs.getString("request_id"), rs.getString("idempotency_key"), rs.getInt("endpoints"),
            rs.getString("data"));
}
