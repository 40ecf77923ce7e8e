package dev.pinstripe.radar;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinstripe.api.ApiErrors;
import dev.pinstripe.api.ApiRequest;
import dev.pinstripe.api.ApiResponse;
import dev.pinstripe.api.ApiRouter;
import dev.pinstripe.api.Json;
import dev.pinstripe.api.Params;
import dev.pinstripe.api.Scope;
import dev.pinstripe.ids.Ids;
import dev.pinstripe.radar.lists.ValueLists;
import dev.pinstripe.radar.rules.Rule;
import dev.pinstripe.radar.rules.RuleSyntaxException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Pinstripe's extension endpoints for Radar (docs/radar.md): an account's rules
 * ({@code /pinstripe/v1/radar/rules}) and settings ({@code /pinstripe/v1/radar/settings}). Stripe
 * manages these in its Dashboard; here they are an API so that tests and scripts can set them.
 */
public final class RadarRoutes {
    static final int RULE_LENGTH_MAX = 2_000;
    static final int RULES_MAX = 500;
    static final int METADATA_INPUTS_MAX = 20;
    static final long BACKTEST_DAYS_DEFAULT = 90;
    static final long BACKTEST_DAYS_MAX = 365;
    static final int EXPLAIN_TOP = 10;

    private final Radar radar;
    private final ValueLists lists;
    private final Clock clock;

    public RadarRoutes(Radar radar, ValueLists lists, Clock clock) {
        this.radar = radar;
        this.lists = lists;
        this.clock = clock;
    }

    public void register(ApiRouter router) {
        router.post("/pinstripe/v1/radar/rules", this::createRule);
        router.get("/pinstripe/v1/radar/rules", this::listRules);
        router.get("/pinstripe/v1/radar/rules/{id}", this::retrieveRule);
        router.delete("/pinstripe/v1/radar/rules/{id}", this::deleteRule);
        router.post("/pinstripe/v1/radar/rules/backtest", this::backtest);
        router.get("/pinstripe/v1/radar/assessments/{charge}", this::explain);
        router.get("/pinstripe/v1/radar/settings", this::retrieveSettings);
        router.post("/pinstripe/v1/radar/settings", this::updateSettings);
    }

    private ApiResponse createRule(ApiRequest req) {
        Params p = req.params();
        String source = p.requiredString("rule", RULE_LENGTH_MAX);
        p.rejectUnknown();
        Rule rule = parse(source);
        return req.execute(h -> {
            requireLists(h, req.scope(), rule);
            if (RadarStore.rules(h, req.scope(), radar::parseStored).size() >= RULES_MAX) {
                throw ApiErrors.invalidValue("rule", "An account can have at most " + RULES_MAX + " Radar rules.");
            }
            RadarRule saved = new RadarRule(Ids.object("rule_"), source.strip(), clock.instant().getEpochSecond(),
                    rule);
            RadarStore.insertRule(h, req.scope(), saved);
            radar.changed(req.scope());
            return req.respond(h, render(saved, req.scope()), List.of());
        });
    }

    /** A rule may only name value lists that exist. */
    private void requireLists(Handle h, Scope scope, Rule rule) {
        Set<String> missing = lists.missingAliases(h, scope, rule.listAliases());
        if (!missing.isEmpty()) {
            throw ApiErrors.invalidValue("rule", "The rule refers to value lists that do not exist: @"
                    + String.join(", @", missing.stream().sorted().toList()) + ".");
        }
    }

    private Rule parse(String source) {
        try {
            return radar.parser().parse(source);
        } catch (RuleSyntaxException e) {
            throw ApiErrors.invalidValue("rule", "Invalid Radar rule: " + e.getMessage());
        }
    }

    private ApiResponse listRules(ApiRequest req) {
        req.params().rejectUnknown();
        return req.read(h -> {
            ObjectNode list = Json.object();
            list.put("object", "list");
            ArrayNode data = list.putArray("data");
            RadarStore.rules(h, req.scope(), radar::parseStored).forEach(r -> data.add(render(r, req.scope())));
            list.put("has_more", false);
            list.put("url", "/pinstripe/v1/radar/rules");
            return req.respond(h, list, List.of());
        });
    }

    private ApiResponse retrieveRule(ApiRequest req) {
        req.params().rejectUnknown();
        String id = req.pathParam("id");
        return req.read(h -> req.respond(h, render(find(h, req.scope(), id), req.scope()), List.of()));
    }

    private ApiResponse deleteRule(ApiRequest req) {
        req.params().rejectUnknown();
        String id = req.pathParam("id");
        return req.execute(h -> {
            find(h, req.scope(), id);
            RadarStore.deleteRule(h, req.scope(), id);
            radar.changed(req.scope());
            ObjectNode deleted = Json.object();
            deleted.put("id", id);
            deleted.put("object", "radar.rule");
            deleted.put("deleted", true);
            return req.respond(h, deleted, List.of());
        });
    }

    private RadarRule find(Handle h, Scope scope, String id) {
        return RadarStore.rule(h, scope, id, radar::parseStored)
                .orElseThrow(() -> ApiErrors.resourceMissing("radar.rule", id, "id"));
    }

    private static ObjectNode render(RadarRule r, Scope scope) {
        ObjectNode o = Json.object();
        o.put("id", r.id());
        o.put("object", "radar.rule");
        o.put("action", r.parsed().action().wireName());
        o.put("created", r.created());
        o.put("livemode", scope.livemode());
        o.put("predicate", r.parsed().predicate());
        o.put("rule", r.source());
        return o;
    }

    /**
     * A rule replayed over the account's past payments (the attributes Radar kept for each): how many
     * it would have matched, and how many of those proved fraudulent (an early fraud warning, a
     * fraudulent dispute or a refund for fraud).
     */
    private ApiResponse backtest(ApiRequest req) {
        Params p = req.params();
        String source = p.requiredString("rule", RULE_LENGTH_MAX);
        long days = p.integer("days").orDefault(BACKTEST_DAYS_DEFAULT);
        p.rejectUnknown();
        if (days < 1 || days > BACKTEST_DAYS_MAX) {
            throw ApiErrors.invalidValue("days", "days must be between 1 and " + BACKTEST_DAYS_MAX + ".");
        }
        Rule rule = parse(source);
        return req.read(h -> {
            requireLists(h, req.scope(), rule);
            long since = clock.instant().getEpochSecond() - days * 86_400;
            List<AssessmentStore.Past> past = AssessmentStore.since(h, req.scope(), since);
            long matched = 0;
            long matchedFraud = 0;
            long fraud = 0;
            for (AssessmentStore.Past payment : past) {
                boolean hit = rule.matches(new dev.pinstripe.radar.rules.RuleContext() {
                    @Override
                    public Object attribute(String name) {
                        return payment.attributes().get(name);
                    }

                    @Override
                    public String metadata(String key) {
                        return payment.metadata().get(key);
                    }

                    @Override
                    public boolean inList(String alias, String value) {
                        return value != null && lists.contains(h, req.scope(), alias, value);
                    }
                });
                fraud += payment.fraudulent() ? 1 : 0;
                if (hit) {
                    matched++;
                    matchedFraud += payment.fraudulent() ? 1 : 0;
                }
            }
            ObjectNode o = Json.object();
            o.put("object", "radar.rule_backtest");
            o.put("action", rule.action().wireName());
            o.put("predicate", rule.predicate());
            o.put("days", days);
            o.put("payments", past.size());
            o.put("fraudulent_payments", fraud);
            o.put("matched", matched);
            o.put("matched_fraudulent", matchedFraud);
            o.put("matched_legitimate", matched - matchedFraud);
            o.put("truncated", past.size() >= AssessmentStore.BACKTEST_MAX);
            return req.respond(h, o, List.of());
        });
    }

    /** What Radar saw for a charge, and for a model-scored one the features that moved its score most. */
    private ApiResponse explain(ApiRequest req) {
        req.params().rejectUnknown();
        String chargeId = req.pathParam("charge");
        return req.read(h -> {
            AssessmentStore.Stored a = AssessmentStore.find(h, req.scope(), chargeId)
                    .orElseThrow(() -> ApiErrors.resourceMissing("charge", chargeId, "charge"));
            ObjectNode o = Json.object();
            o.put("object", "radar.assessment");
            o.put("charge", a.chargeId());
            o.put("created", a.created());
            o.put("decision", a.decision());
            o.put("risk_level", a.riskLevel());
            o.put("risk_score", a.riskScore());
            if (a.ruleId() == null) {
                o.putNull("rule");
            } else {
                o.put("rule", a.ruleId());
            }
            o.put("scored_by", a.features() == null ? "test_card" : "model");
            if (a.probability() == null) {
                o.putNull("probability");
            } else {
                o.put("probability", a.probability());
            }
            ArrayNode top = o.putArray("top_features");
            if (a.features() != null && a.features().length == radar.model().extractor().names().size()) {
                List<String> names = radar.model().extractor().names();
                radar.model().contributions(a.features()).stream().limit(EXPLAIN_TOP).forEach(c -> {
                    ObjectNode f = top.addObject();
                    f.put("feature", c.getKey());
                    float v = a.features()[names.indexOf(c.getKey())];
                    if (Float.isNaN(v)) {
                        f.putNull("value");
                    } else {
                        f.put("value", v);
                    }
                    f.put("contribution", c.getValue());
                });
            }
            ObjectNode attributes = o.putObject("attributes");
            new java.util.TreeMap<>(a.attributes()).forEach((k, v) -> attributes.set(k, Json.MAPPER.valueToTree(v)));
            return req.respond(h, o, List.of());
        });
    }

    private ApiResponse retrieveSettings(ApiRequest req) {
        req.params().rejectUnknown();
        return req.read(h -> req.respond(h, render(RadarStore.settings(h, req.scope()), req.scope()), List.of()));
    }

    private ApiResponse updateSettings(ApiRequest req) {
        Params p = req.params();
        Boolean block = p.bool("block_highest_risk").orNull();
        Boolean review = p.bool("review_elevated_risk").orNull();
        List<String> inputs = p.stringList("model_metadata_inputs", 40, METADATA_INPUTS_MAX).orNull();
        var zonePatch = p.string("time_zone", 64);
        p.rejectUnknown();
        ZoneId zone = null;
        String zoneName = zonePatch.orNull();
        if (zoneName != null) {
            try {
                zone = ZoneId.of(zoneName);
            } catch (DateTimeException e) {
                throw ApiErrors.invalidValue("time_zone", "Invalid time zone: " + zoneName
                        + ". Use an IANA time zone name such as America/New_York.");
            }
        }
        ZoneId newZone = zone;
        return req.execute(h -> {
            RadarSettings current = RadarStore.settings(h, req.scope());
            RadarSettings updated = new RadarSettings(block == null ? current.blockHighest() : block,
                    review == null ? current.reviewElevated() : review,
                    inputs == null ? current.metadataInputs() : inputs,
                    zonePatch instanceof dev.pinstripe.api.Patch.Unset ? null
                            : newZone != null ? newZone : current.timeZone());
            RadarStore.saveSettings(h, req.scope(), updated);
            radar.changed(req.scope());
            return req.respond(h, render(updated, req.scope()), List.of());
        });
    }

    private static ObjectNode render(RadarSettings s, Scope scope) {
        ObjectNode o = Json.object();
        o.put("object", "radar.settings");
        o.put("block_highest_risk", s.blockHighest());
        o.put("livemode", scope.livemode());
        ArrayNode inputs = o.putArray("model_metadata_inputs");
        s.metadataInputs().forEach(inputs::add);
        o.put("review_elevated_risk", s.reviewElevated());
        if (s.timeZone() == null) {
            o.putNull("time_zone");
        } else {
            o.put("time_zone", s.timeZone().getId());
        }
        return o;
    }
}
