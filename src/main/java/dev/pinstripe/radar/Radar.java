package dev.pinstripe.radar;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinstripe.api.Json;
import dev.pinstripe.api.RequestOrigin;
import dev.pinstripe.api.Scope;
import dev.pinstripe.geoip.IpCountries;
import dev.pinstripe.radar.external.ExternalRequest;
import dev.pinstripe.radar.external.ExternalScore;
import dev.pinstripe.radar.external.ExternalScorer;
import dev.pinstripe.radar.lists.ValueLists;
import dev.pinstripe.radar.rules.Rule;
import dev.pinstripe.radar.rules.RuleAction;
import dev.pinstripe.radar.rules.RuleContext;
import dev.pinstripe.radar.rules.RuleParser;
import dev.pinstripe.radar.rules.RuleSyntaxException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/**
 * Radar on the payment path: scores a payment attempt with the model over its histories, applies the
 * account's rules in Stripe's order (request credentials, allow, block, review; Stripe's default
 * rules last in their group), and afterwards records the attempt in the histories. Runs inside the
 * payment's transaction; it reads the account's rules and settings through it.
 */
public final class Radar {
    /** How long a process keeps an account's rules and settings before reading them again. */
    static final Duration CONFIG_TTL = Duration.ofSeconds(5);
    public static final String REASON_HIGHEST = "highest_risk_level";
    public static final String REASON_ELEVATED = "elevated_risk_level";
    public static final String REASON_RULE = "rule";

    private final RiskModel model;
    private final StoredHistories histories;
    private final ValueLists lists;
    private final RuleParser parser = new RuleParser(RadarAttributes.CATALOG);
    private final Consumer<String> decisions;
    private final boolean enabled;
    private final ExternalScorer external;
    private final IpCountries ipCountries;

    private final Cache<Scope, Config> configs = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(CONFIG_TTL).build();

    private record Config(RadarSettings settings, List<RadarRule> rules) {}

    /** A risk level and score the card itself forces (Stripe's risk test cards); {@code block}: always blocked. */
    public record Forced(String level, int score, boolean block) {}

    /**
     * @param decisions   told each verdict's name (for metrics), or null
     * @param enabled false ({@code PINSTRIPE_RADAR=off}, for A/B benchmarks): no scoring, rules, histories or
     *                assessments; test cards keep their forced risk and "Always blocked" still blocks
     * @param external the optional external fraud service (docs/radar-external.md), or null
     * @param ipCountries where {@code ip_country} comes from ({@code PINSTRIPE_GEOIP_DATABASE}), or
     *                    {@link IpCountries#NONE}
     */
    public Radar(RiskModel model, StoredHistories histories, ValueLists lists, Consumer<String> decisions,
            boolean enabled, ExternalScorer external, IpCountries ipCountries) {
        this.ipCountries = Objects.requireNonNull(ipCountries, "ipCountries");
        this.external = external;
        this.enabled = enabled;
        this.model = model;
        this.histories = histories;
        this.lists = lists;
        this.decisions = decisions == null ? v -> { } : decisions;
    }

    public RiskModel model() {
        return model;
    }

    public StoredHistories histories() {
        return histories;
    }

    /** The country of the caller's IP address, or null when unknown or Radar is off (it is part of Radar's cost). */
    public String ipCountry(String ip) {
        return enabled ? ipCountries.country(ip) : null;
    }

    RuleParser parser() {
        return parser;
    }

    /** The account's settings (cached for {@link #CONFIG_TTL}). */
    public RadarSettings settings(Handle h, Scope scope) {
        return config(h, scope).settings();
    }

    /** Forgets the cached rules and settings of {@code scope} after a change. */
    void changed(Scope scope) {
        configs.invalidate(scope);
    }

    private Config config(Handle h, Scope scope) {
        return configs.get(scope, s -> new Config(RadarStore.settings(h, s), RadarStore.rules(h, s, this::parseStored)));
    }

    Rule parseStored(String source) {
        try {
            return parser.parse(source);
        } catch (RuleSyntaxException e) {
            throw new IllegalStateException("a stored Radar rule no longer parses: " + source, e);
        }
    }

    /**
     * The model's view of {@code s} with the account's settings applied: only the metadata keys the
     * account marked as model inputs, and its time zone when the payment has none (with neither, the
     * time of day is unknown: UTC would call a New York evening night-time).
     */
    PaymentSignals forModel(PaymentSignals s, RadarSettings settings) {
        Map<String, String> inputs = new HashMap<>();
        for (String key : settings.metadataInputs()) {
            String v = s.metadata().get(key);
            if (v != null) {
                inputs.put(key, v);
            }
        }
        return new PaymentSignals(s.time(), s.amount(), s.currency(), s.amountUsdCents(), s.cardFingerprint(),
                s.cardBrand(), s.cardFunding(), s.cardCountry(), s.customer(), s.email(), s.ipAddress(), s.ipCountry(),
                s.billingAddress(), s.billingCountry(), s.billingLocation(), s.merchantLocation(),
                s.timeZone() != null ? s.timeZone() : settings.timeZone(), inputs, s.newCardOnCustomer());
    }

    /** Scores {@code s} and applies the rules. {@code forced}: the card's own risk, or null. */
    public Assessment assess(Handle h, Scope scope, PaymentSignals s, Forced forced) {
        if (!enabled) {
            Assessment.Evidence none = new Assessment.Evidence(Map.of(), null, null);
            return forced == null
                    ? new Assessment(0, "normal", Assessment.Verdict.PROCEED, null, null, null, null, none)
                    : new Assessment(forced.score(), forced.level(), forced.block() ? Assessment.Verdict.BLOCK
                            : Assessment.Verdict.PROCEED, null, null, null, forced.block() ? REASON_HIGHEST : null,
                            none);
        }
        Config config = config(h, scope);
        Histories view = histories.of(h, scope);
        int score;
        String level;
        float[] features = null;
        Double probability = null;
        if (forced != null) {
            score = forced.score();
            level = forced.level();
        } else {
            features = model.extractor().extract(forModel(s, config.settings()), view);
            probability = model.probability(features);
            if (external != null
                    && external.score(ExternalRequest.of(attemptId(h), s, probability))
                            instanceof ExternalScore.Scored x) {
                // The service's view and the model's, blended; when it is slow or down, the model's alone.
                probability = ExternalScorer.combine(probability, x.probability(), external.settings().weight());
            }
            score = model.riskScore(probability);
            level = RiskModel.riskLevel(score);
        }
        Map<String, Object> attributes = RadarAttributes.of(s, view, score, level);
        Assessment.Evidence evidence = new Assessment.Evidence(attributes, features, probability);
        Assessment a;
        if (forced != null && forced.block()) {
            a = new Assessment(score, level, Assessment.Verdict.BLOCK, null, null, null, REASON_HIGHEST, evidence);
        } else {
            a = applyRules(h, scope, s, config, score, level, evidence);
        }
        decisions.accept(a.verdict().name().toLowerCase(java.util.Locale.ROOT));
        return a;
    }

    private Assessment applyRules(Handle h, Scope scope, PaymentSignals s, Config config, int score, String level,
            Assessment.Evidence evidence) {
        Map<String, Object> attributes = evidence.attributes();
        RuleContext ctx = new RuleContext() {
            @Override
            public Object attribute(String name) {
                return attributes.get(name);
            }

            @Override
            public String metadata(String key) {
                return s.metadata().get(key);
            }

            @Override
            public boolean inList(String alias, String value) {
                return value != null && lists.contains(h, scope, alias, value);
            }
        };
        for (RuleAction action : RuleAction.values()) {
            for (RadarRule rule : config.rules()) {
                if (rule.parsed().action() == action && rule.parsed().matches(ctx)) {
                    return new Assessment(score, level, verdict(action), rule.id(), action.wireName(),
                            rule.parsed().predicate(), REASON_RULE, evidence);
                }
            }
            if (action == RuleAction.BLOCK && config.settings().blockHighest() && level.equals("highest")) {
                return new Assessment(score, level, Assessment.Verdict.BLOCK, null, null, null, REASON_HIGHEST,
                        evidence);
            }
            if (action == RuleAction.REVIEW && config.settings().reviewElevated() && level.equals("elevated")) {
                return new Assessment(score, level, Assessment.Verdict.REVIEW, null, null, null, REASON_ELEVATED,
                        evidence);
            }
        }
        return new Assessment(score, level, Assessment.Verdict.PROCEED, null, null, null, null, evidence);
    }

    /** The API request's ID, or a fresh one for work no request started (the 3-D Secure page). */
    private static String attemptId(Handle h) {
        String requestId = RequestOrigin.of(h).requestId();
        return requestId != null ? requestId : dev.pinstripe.ids.Ids.requestId();
    }

    private static Assessment.Verdict verdict(RuleAction action) {
        return switch (action) {
            case ALLOW -> Assessment.Verdict.PROCEED;
            case BLOCK -> Assessment.Verdict.BLOCK;
            case REVIEW -> Assessment.Verdict.REVIEW;
            case REQUEST_CREDENTIALS -> Assessment.Verdict.REQUEST_CREDENTIALS;
        };
    }

    /**
     * What {@code a} was decided from, as the charge keeps it in its stored details (never shown by
     * the API): the decision and rule, the compact rule attributes (for backtests) and, for a payment
     * the model scored, its probability and features (for explanations). Kept in the charge's own
     * row, so a payment writes no extra row for it.
     */
    public static ObjectNode evidence(Assessment a) {
        ObjectNode o = Json.object();
        o.put("decision", a.verdict().name().toLowerCase(java.util.Locale.ROOT));
        o.put("risk_score", a.riskScore());
        o.put("risk_level", a.riskLevel());
        if (a.ruleId() != null) {
            o.put("rule", a.ruleId());
        }
        Assessment.Evidence e = a.evidence();
        if (e.probability() != null) {
            o.put("probability", e.probability());
        }
        if (e.features() != null) {
            ArrayNode features = o.putArray("features");
            for (float f : e.features()) {
                if (Float.isNaN(f)) {
                    features.addNull();
                } else {
                    features.add(f);
                }
            }
        }
        o.set("attributes", Json.MAPPER.valueToTree(RadarAttributes.compact(e.attributes())));
        return o;
    }

    /** Records the attempt in its histories: {@code declined} when it was blocked or the network declined it. */
    public void record(Handle h, Scope scope, PaymentSignals s, boolean declined) {
        if (!enabled) {
            return;
        }
        RadarSettings settings = config(h, scope).settings();
        model.extractor().record(forModel(s, settings), histories.of(h, scope), declined);
    }
}
