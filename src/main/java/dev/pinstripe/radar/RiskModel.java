package dev.pinstripe.radar;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * A trained gradient-boosted tree model and its card: scores one payment's features as a fraud
 * probability and maps it to Radar's 0-99 risk score and level. The default model is in the jar
 * ({@code radar/model/}); {@code PINSTRIPE_RADAR_MODEL} names a directory with another one.
 */
public final class RiskModel {
    public static final String CARD_FILE = "model.json";
    public static final String BOOSTER_FILE = "model.ubj";
    private static final String RESOURCE_DIR = "/radar/model/";
    /** Scores at which Radar's risk levels start (Stripe's: 65 elevated, 75 highest). */
    public static final int ELEVATED_SCORE = 65;
    public static final int HIGHEST_SCORE = 75;
    static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final ModelCard card;
    private final Booster booster;
    private final FeatureExtractor extractor;

    RiskModel(ModelCard card, Booster booster) {
        this.card = card;
        this.booster = booster;
        Map<String, Vocabulary> vocabularies = new LinkedHashMap<>();
        card.vocabularies().forEach((k, v) -> vocabularies.put(k, new Vocabulary(v)));
        this.extractor = new FeatureExtractor(card.metadataInputs(), vocabularies);
        if (!extractor.names().equals(card.features())) {
            throw new IllegalArgumentException("the model was trained on features " + card.features()
                    + " but this version of Pinstripe computes " + extractor.names());
        }
        try {
            booster.setParam("nthread", 1);
        } catch (XGBoostError e) {
            throw new IllegalStateException(e);
        }
    }

    /** Names a directory with the model the server uses instead of the bundled one. */
    public static final String MODEL_ENV = "PINSTRIPE_RADAR_MODEL";
    private static volatile RiskModel bundled;

    /** The model the server scores with: {@value #MODEL_ENV}'s, or the bundled one. */
    public static RiskModel configured() {
        String dir = System.getenv(MODEL_ENV);
        if (dir == null || dir.isBlank()) {
            return bundled();
        }
        try {
            return load(Path.of(dir));
        } catch (IOException e) {
            throw new UncheckedIOException(MODEL_ENV + "=" + dir + ": " + e.getMessage(), e);
        }
    }

    /** The model shipped in the jar, loaded once per process. */
    public static RiskModel bundled() {
        RiskModel m = bundled;
        if (m == null) {
            synchronized (RiskModel.class) {
                if (bundled == null) {
                    bundled = loadBundled();
                }
                m = bundled;
            }
        }
        return m;
    }

    private static RiskModel loadBundled() {
        try (InputStream cardIn = RiskModel.class.getResourceAsStream(RESOURCE_DIR + CARD_FILE);
             InputStream boosterIn = RiskModel.class.getResourceAsStream(RESOURCE_DIR + BOOSTER_FILE)) {
            if (cardIn == null || boosterIn == null) {
                throw new IllegalStateException("the jar has no Radar model under " + RESOURCE_DIR);
            }
            return new RiskModel(JSON.readValue(cardIn, ModelCard.class), XGBoost.loadModel(boosterIn.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (XGBoostError e) {
            throw new IllegalStateException("the bundled Radar model cannot be loaded", e);
        }
    }

    /** A model saved by {@code pinstripe radar train} in {@code dir}. */
    public static RiskModel load(Path dir) throws IOException {
        try {
            ModelCard card = JSON.readValue(dir.resolve(CARD_FILE).toFile(), ModelCard.class);
            return new RiskModel(card, XGBoost.loadModel(Files.readAllBytes(dir.resolve(BOOSTER_FILE))));
        } catch (XGBoostError e) {
            throw new IOException("the Radar model in " + dir + " cannot be loaded: " + e.getMessage(), e);
        }
    }

    void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        try {
            Files.write(dir.resolve(BOOSTER_FILE), booster.toByteArray("ubj"));
        } catch (XGBoostError e) {
            throw new IOException(e);
        }
        JSON.writeValue(dir.resolve(CARD_FILE).toFile(), card);
    }

    public ModelCard card() {
        return card;
    }

    public FeatureExtractor extractor() {
        return extractor;
    }

    /** The fraud probability of one payment's features. */
    public double probability(float[] features) {
        try {
            return booster.inplace_predict(features, 1, features.length, Float.NaN)[0][0];
        } catch (XGBoostError e) {
            throw new IllegalStateException("Radar's model failed to score a payment", e);
        }
    }

    /** Fraud probabilities of many payments' features (rows of {@code columns} values), in one call. */
    float[] probabilities(float[] rows, int count, int columns) {
        try {
            float[][] out = booster.inplace_predict(rows, count, columns, Float.NaN);
            float[] p = new float[count];
            for (int i = 0; i < count; i++) {
                p[i] = out[i][0];
            }
            return p;
        } catch (XGBoostError e) {
            throw new IllegalStateException("Radar's model failed to score payments", e);
        }
    }

    /**
     * Each feature's contribution to one payment's score (SHAP values, in log-odds), by feature
     * name, largest magnitude first.
     */
    public List<Map.Entry<String, Double>> contributions(float[] features) {
        try {
            DMatrix m = new DMatrix(features, 1, features.length, Float.NaN);
            try {
                float[] c = booster.predictContrib(m, 0)[0];
                Map<String, Double> byName = new LinkedHashMap<>();
                for (int i = 0; i < features.length; i++) {
                    byName.put(extractor.names().get(i), (double) c[i]);
                }
                return byName.entrySet().stream()
                        .sorted((a, b) -> Double.compare(Math.abs(b.getValue()), Math.abs(a.getValue())))
                        .toList();
            } finally {
                m.dispose();
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("Radar's model failed to explain a payment", e);
        }
    }

    /** Radar's 0-99 score of a probability: monotone, 65 at the elevated threshold, 75 at the block one. */
    public int riskScore(double probability) {
        return score(probability, card.elevatedProbability(), card.blockProbability());
    }

    static int score(double p, double elevated, double block) {
        double s;
        // Each band is clamped to its own range, so rounding can never carry a score across a threshold.
        if (p >= block) {
            s = HIGHEST_SCORE + (p - block) / Math.max(1e-12, 1 - block) * (99 - HIGHEST_SCORE);
        } else if (p >= elevated) {
            s = Math.min(HIGHEST_SCORE - 1, ELEVATED_SCORE
                    + (p - elevated) / Math.max(1e-12, block - elevated) * (HIGHEST_SCORE - ELEVATED_SCORE));
        } else {
            s = Math.min(ELEVATED_SCORE - 1, p / Math.max(1e-12, elevated) * ELEVATED_SCORE);
        }
        return (int) Math.max(0, Math.min(99, Math.floor(s)));
    }

    /** Stripe's risk level of a score. */
    public static String riskLevel(int score) {
        return score >= HIGHEST_SCORE ? "highest" : score >= ELEVATED_SCORE ? "elevated" : "normal";
    }
}
