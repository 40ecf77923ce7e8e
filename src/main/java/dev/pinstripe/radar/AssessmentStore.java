package dev.pinstripe.radar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinstripe.api.Scope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Reads what Radar decided from, which each charge keeps in its stored details
 * ({@code details->'radar'}, written with the charge by {@link Radar#evidence}). Read-only: the
 * payments package owns the charges table.
 */
final class AssessmentStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
    /** The most past payments one backtest replays. */
    static final int BACKTEST_MAX = 100_000;

    private AssessmentStore() {}

    /** A charge's assessment. */
    record Stored(String chargeId, long created, int riskScore, String riskLevel, String decision, String ruleId,
            Double probability, float[] features, Map<String, Object> attributes) {}

    /** A past payment as a backtest sees it: its attributes, metadata, and whether it proved fraudulent. */
    record Past(Map<String, Object> attributes, Map<String, String> metadata, boolean fraudulent) {}

    static Optional<Stored> find(Handle h, Scope scope, String chargeId) {
        return h.createQuery("SELECT id, created, details -> 'radar' FROM charges"
                        + " WHERE account_id = ? AND livemode = ? AND id = ? AND details -> 'radar' IS NOT NULL")
                .bind(0, scope.accountId()).bind(1, scope.livemode()).bind(2, chargeId)
                .map((rs, ctx) -> {
                    JsonNode r = parse(rs.getString(3));
                    float[] features = null;
                    if (r.path("features").isArray()) {
                        JsonNode f = r.get("features");
                        features = new float[f.size()];
                        for (int i = 0; i < f.size(); i++) {
                            features[i] = f.get(i).isNull() ? Float.NaN : (float) f.get(i).asDouble();
                        }
                    }
                    return new Stored(rs.getString(1), rs.getLong(2), r.path("risk_score").asInt(),
                            r.path("risk_level").asText(), r.path("decision").asText(),
                            r.hasNonNull("rule") ? r.get("rule").asText() : null,
                            r.hasNonNull("probability") ? r.get("probability").asDouble() : null, features,
                            RadarAttributes.restore(map(r.get("attributes"))));
                })
                .findOne();
    }

    /** The account's payments since {@code since} (epoch seconds), newest first, at most {@link #BACKTEST_MAX}. */
    static List<Past> since(Handle h, Scope scope, long since) {
        List<Past> out = new ArrayList<>();
        h.createQuery("SELECT c.details -> 'radar' -> 'attributes', c.metadata::text,"
                        + " EXISTS (SELECT 1 FROM early_fraud_warnings w WHERE w.charge_id = c.id)"
                        + " OR EXISTS (SELECT 1 FROM disputes d WHERE d.charge_id = c.id AND d.reason = 'fraudulent')"
                        + " OR EXISTS (SELECT 1 FROM refunds r WHERE r.charge_id = c.id AND r.reason = 'fraudulent')"
                        + " FROM charges c WHERE c.account_id = ? AND c.livemode = ? AND c.created >= ?"
                        + " AND c.details -> 'radar' IS NOT NULL ORDER BY c.created DESC LIMIT ?")
                .bind(0, scope.accountId()).bind(1, scope.livemode()).bind(2, since).bind(3, BACKTEST_MAX)
                .map((rs, ctx) -> new Past(RadarAttributes.restore(map(parse(rs.getString(1)))),
                        strings(rs.getString(2)), rs.getBoolean(3)))
                .forEach(out::add);
        return out;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored Radar evidence", e);
        }
    }

    private static Map<String, Object> map(JsonNode node) {
        return node == null || node.isNull() ? new HashMap<>() : JSON.convertValue(node, MAP);
    }

    private static Map<String, String> strings(String json) {
        Map<String, String> out = new HashMap<>();
        if (json != null) {
            map(parse(json)).forEach((k, v) -> out.put(k, v == null ? null : v.toString()));
        }
        return out;
    }
}
