package dev.pinstripe.radar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinstripe.api.Scope;
import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** {@code radar_assessments}: what Radar saw and decided for each charge. */
final class AssessmentStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
    /** The most past payments one backtest replays. */
    static final int BACKTEST_MAX = 100_000;

    private AssessmentStore() {}

    /** A stored assessment. */
    record Stored(String chargeId, long created, int riskScore, String riskLevel, String decision, String ruleId,
            Double probability, float[] features, Map<String, Object> attributes) {}

    /** A past payment as a backtest sees it: its attributes, metadata, and whether it proved fraudulent. */
    record Past(Map<String, Object> attributes, Map<String, String> metadata, boolean fraudulent, boolean blocked) {}

    /** An assessment waiting to be written, once its charge has committed. */
    record Pending(Scope scope, String chargeId, long created, Assessment assessment) {}

    static void insert(Handle h, List<Pending> batch) {
        // Derived data, as the request log: losing the last batch to a PostgreSQL crash is acceptable,
        // waiting for the WAL flush on every batch is not.
        h.execute("SET LOCAL synchronous_commit TO off");
        var insert = h.prepareBatch("INSERT INTO radar_assessments (charge_id, account_id, livemode, created, risk_score,"
                + " risk_level, decision, rule_id, probability, features, attributes)"
                + " VALUES (:charge, :account, :livemode, :created, :score, :level, :decision, :rule,"
                + " :probability, :features, CAST(:attributes AS jsonb)) ON CONFLICT DO NOTHING");
        for (Pending p : batch) {
            Assessment a = p.assessment();
            Assessment.Evidence e = a.evidence();
            insert.bind("charge", p.chargeId()).bind("account", p.scope().accountId())
                    .bind("livemode", p.scope().livemode()).bind("created", p.created())
                    .bind("score", a.riskScore()).bind("level", a.riskLevel())
                    .bind("decision", a.verdict().name().toLowerCase(Locale.ROOT)).bind("rule", a.ruleId())
                    .bind("probability", e.probability())
                    .bindBySqlType("features", e.features() == null ? null : array(h, e.features()),
                            java.sql.Types.ARRAY)
                    .bind("attributes", json(RadarAttributes.compact(e.attributes()))).add();
        }
        insert.execute();
    }

    static Optional<Stored> find(Handle h, Scope scope, String chargeId) {
        return h.createQuery("SELECT charge_id, created, risk_score, risk_level, decision, rule_id, probability,"
                        + " features, attributes::text FROM radar_assessments"
                        + " WHERE account_id = ? AND livemode = ? AND charge_id = ?")
                .bind(0, scope.accountId()).bind(1, scope.livemode()).bind(2, chargeId)
                .map((rs, ctx) -> {
                    Array arr = rs.getArray(8);
                    float[] features = null;
                    if (arr != null) {
                        Object[] values = (Object[]) arr.getArray();
                        features = new float[values.length];
                        for (int i = 0; i < values.length; i++) {
                            features[i] = values[i] == null ? Float.NaN : ((Number) values[i]).floatValue();
                        }
                    }
                    double p = rs.getDouble(7);
                    Double probability = rs.wasNull() ? null : p;
                    return new Stored(rs.getString(1), rs.getLong(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), probability, features, RadarAttributes.restore(parse(rs.getString(9))));
                })
                .findOne();
    }

    /** The account's payments since {@code since} (epoch seconds), newest first, at most {@link #BACKTEST_MAX}. */
    static List<Past> since(Handle h, Scope scope, long since) {
        List<Past> out = new ArrayList<>();
        h.createQuery("SELECT a.attributes::text, c.metadata::text, a.decision,"
                        + " EXISTS (SELECT 1 FROM early_fraud_warnings w WHERE w.charge_id = a.charge_id)"
                        + " OR EXISTS (SELECT 1 FROM disputes d WHERE d.charge_id = a.charge_id"
                        + " AND d.reason = 'fraudulent')"
                        + " OR EXISTS (SELECT 1 FROM refunds r WHERE r.charge_id = a.charge_id"
                        + " AND r.reason = 'fraudulent')"
                        + " FROM radar_assessments a JOIN charges c ON c.id = a.charge_id"
                        + " WHERE a.account_id = ? AND a.livemode = ? AND a.created >= ?"
                        + " ORDER BY a.created DESC LIMIT ?")
                .bind(0, scope.accountId()).bind(1, scope.livemode()).bind(2, since).bind(3, BACKTEST_MAX)
                .map((rs, ctx) -> new Past(RadarAttributes.restore(parse(rs.getString(1))), strings(rs.getString(2)),
                        rs.getBoolean(4), rs.getString(3).equals("block")))
                .forEach(out::add);
        return out;
    }

    static String json(Map<String, Object> attributes) {
        try {
            return JSON.writeValueAsString(attributes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> parse(String json) {
        try {
            return JSON.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored Radar attributes", e);
        }
    }

    private static Map<String, String> strings(String json) {
        Map<String, String> out = new java.util.HashMap<>();
        if (json != null) {
            parse(json).forEach((k, v) -> out.put(k, v == null ? null : v.toString()));
        }
        return out;
    }

    private static Array array(Handle h, float[] values) {
        Float[] boxed = new Float[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        try {
            return h.getConnection().createArrayOf("real", boxed);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
