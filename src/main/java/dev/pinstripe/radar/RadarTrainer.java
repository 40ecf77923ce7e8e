package dev.pinstripe.radar;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Trains Radar's model on a labelled Sparkov file: replays it in time order through the same
 * {@link FeatureExtractor} the server uses, trains gradient-boosted trees on every payment before
 * the cut-off, and holds the last {@code holdoutDays} back. The first half of the held-out days
 * sets the thresholds (the block threshold blocks at most {@code blockRate} of its legitimate
 * payments); the second half, not looked at until then, gives the metrics recorded in the model
 * card. Nothing later than the cut-off is used for fitting.
 */
public final class RadarTrainer {
    private static final long DAY = 86_400;

    /**
     * @param blockRate    share of legitimate payments the block threshold may block (0.0005 = 0.05%)
     * @param elevatedRate share of legitimate payments that may score elevated or higher
     */
    public record Options(Path input, Path output, int holdoutDays, int rounds, int maxDepth, double eta,
            List<String> metadataInputs, double blockRate, double elevatedRate, int threads, long seed,
            double missingMetadataRate, double missingTimeZoneRate) {}

    private final Clock clock;
    private final PrintWriter log;

    public RadarTrainer(Clock clock, PrintWriter log) {
        this.clock = clock;
        this.log = log;
    }

    public RiskModel train(Options o) throws IOException {
        Survey survey = survey(o.input(), o.metadataInputs());
        long cutoff = Math.floorDiv(survey.lastTime - o.holdoutDays() * DAY, DAY) * DAY + DAY;
        long tuneUntil = cutoff + (survey.lastTime - cutoff) / 2;
        Map<String, List<String>> vocabularies = survey.vocabularies(cutoff);
        Map<String, Vocabulary> coded = new LinkedHashMap<>();
        vocabularies.forEach((k, v) -> coded.put(k, new Vocabulary(v)));
        FeatureExtractor extractor = new FeatureExtractor(o.metadataInputs(), coded);
        int columns = extractor.names().size();

        Rows train = new Rows(columns);
        Rows tune = new Rows(columns);
        Rows report = new Rows(columns);
        MemoryHistories histories = new MemoryHistories();
        int firstMetadataColumn = FeatureExtractor.BASE_FEATURES.size();
        int[] timeOfDayColumns = FeatureExtractor.TIME_OF_DAY_FEATURES.stream()
                .mapToInt(extractor.names()::indexOf).toArray();
        java.util.Random random = new java.util.Random(o.seed());
        SparkovFile.forEach(o.input(), p -> {
            float[] f = extractor.extract(p.signals(), histories);
            extractor.record(p.signals(), histories, false);
            long t = p.signals().time();
            if (t < cutoff && random.nextDouble() < o.missingMetadataRate()) {
                // Some training payments lose their metadata, so the model also learns to score payments
                // whose account sends none (every API payment until the account marks model inputs).
                java.util.Arrays.fill(f, firstMetadataColumn, f.length, Float.NaN);
            }
            if (t < cutoff && random.nextDouble() < o.missingTimeZoneRate()) {
                // Likewise the time of day: API payments have it only when a time zone is known.
                for (int c : timeOfDayColumns) {
                    f[c] = Float.NaN;
                }
            }
            (t < cutoff ? train : t < tuneUntil ? tune : report).add(f, p.fraud());
        });
        log.printf("replayed %,d payments: %,d before the cut-off %s, %,d to set thresholds, %,d to report on%n",
                survey.rows, train.size, Instant.ofEpochSecond(cutoff), tune.size, report.size);
        log.flush();

        Map<String, Object> params = new TreeMap<>();
        params.put("objective", "binary:logistic");
        params.put("eval_metric", "aucpr");
        params.put("max_depth", o.maxDepth());
        params.put("eta", o.eta());
        params.put("subsample", 0.8);
        params.put("colsample_bytree", 0.8);
        params.put("min_child_weight", 1);
        params.put("tree_method", "hist");
        params.put("seed", o.seed());
        params.put("nthread", o.threads());
        Booster booster;
        try {
            DMatrix trainMatrix = train.matrix();
            DMatrix tuneMatrix = tune.matrix();
            Map<String, DMatrix> watches = new LinkedHashMap<>();
            watches.put("train", trainMatrix);
            watches.put("tune", tuneMatrix);
            booster = XGBoost.train(trainMatrix, new HashMap<>(params), o.rounds(), watches, null, null);
            trainMatrix.dispose();
            tuneMatrix.dispose();
        } catch (XGBoostError e) {
            throw new IllegalStateException("training failed: " + e.getMessage(), e);
        }
        survey.trainRows = train.size;
        survey.holdoutRows = tune.size + report.size;
        ModelCard provisional = card(o, survey, cutoff, vocabularies, extractor, params, 0.5, 0.9, null);
        RiskModel model = new RiskModel(provisional, booster);
        double[] tuneScores = tune.score(model);
        double block = Evaluation.thresholdForFalsePositiveRate(tuneScores, tune.labels, tune.size, o.blockRate());
        double elevated = Math.min(block,
                Evaluation.thresholdForFalsePositiveRate(tuneScores, tune.labels, tune.size, o.elevatedRate()));
        ModelCard.Metrics metrics = new Evaluation(report.score(model), report.labels, report.size).at(block);
        ModelCard card = card(o, survey, cutoff, vocabularies, extractor, params, elevated, block, metrics);
        RiskModel trained = new RiskModel(card, booster);
        trained.save(o.output());
        return trained;
    }

    private ModelCard card(Options o, Survey survey, long cutoff, Map<String, List<String>> vocabularies,
            FeatureExtractor extractor, Map<String, Object> params, double elevated, double block,
            ModelCard.Metrics metrics) {
        Map<String, Object> recorded = new TreeMap<>(params);
        recorded.put("holdout_days", o.holdoutDays());
        recorded.put("block_rate", o.blockRate());
        recorded.put("elevated_rate", o.elevatedRate());
        recorded.put("missing_metadata_rate", o.missingMetadataRate());
        recorded.put("missing_time_zone_rate", o.missingTimeZoneRate());
        return new ModelCard(ModelCard.FORMAT, Instant.now(clock).toString(),
                new ModelCard.TrainingData(o.input().getFileName().toString(), survey.sha256, survey.rows,
                        survey.fraudRows, survey.firstTime, survey.lastTime, cutoff, survey.trainRows,
                        survey.holdoutRows),
                recorded, o.rounds(), extractor.names(), o.metadataInputs(), vocabularies, elevated, block, metrics);
    }

    /** First pass: size, time span, labels, and every categorical value with the time it first appears. */
    private static Survey survey(Path input, List<String> metadataInputs) throws IOException {
        Survey s = new Survey();
        s.sha256 = sha256(input);
        SparkovFile.forEach(input, p -> {
            PaymentSignals sig = p.signals();
            if (s.rows++ == 0) {
                s.firstTime = sig.time();
            }
            s.lastTime = sig.time();
            s.fraudRows += p.fraud() ? 1 : 0;
            s.see("currency", sig.currency(), sig.time());
            s.see("card_brand", sig.cardBrand(), sig.time());
            s.see("card_funding", sig.cardFunding(), sig.time());
            s.see("card_country", sig.cardCountry(), sig.time());
            for (String key : metadataInputs) {
                s.see("metadata." + key, sig.metadata().get(key), sig.time());
            }
        });
        if (s.rows == 0) {
            throw new IllegalArgumentException(input + " has no rows");
        }
        return s;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Survey {
        String sha256;
        long rows;
        long fraudRows;
        long firstTime;
        long lastTime;
        long trainRows;
        long holdoutRows;
        final Map<String, Map<String, Long>> firstSeen = new TreeMap<>();

        void see(String feature, String value, long time) {
            if (value != null) {
                firstSeen.computeIfAbsent(feature, k -> new HashMap<>()).putIfAbsent(value, time);
            }
        }

        /** The values seen before the cut-off, sorted: what the model may know. */
        Map<String, List<String>> vocabularies(long cutoff) {
            Map<String, List<String>> out = new TreeMap<>();
            firstSeen.forEach((feature, values) -> {
                TreeSet<String> known = new TreeSet<>();
                values.forEach((v, t) -> {
                    if (t < cutoff) {
                        known.add(v);
                    }
                });
                out.put(feature, new ArrayList<>(known));
            });
            return out;
        }
    }

    /** Feature rows and labels, growing. */
    static final class Rows {
        final int columns;
        float[] values;
        boolean[] labels = new boolean[1024];
        int size;

        Rows(int columns) {
            this.columns = columns;
            this.values = new float[1024 * columns];
        }

        void add(float[] row, boolean fraud) {
            if (size == labels.length) {
                labels = java.util.Arrays.copyOf(labels, size * 2);
                values = java.util.Arrays.copyOf(values, size * 2 * columns);
            }
            System.arraycopy(row, 0, values, size * columns, columns);
            labels[size++] = fraud;
        }

        DMatrix matrix() throws XGBoostError {
            DMatrix m = new DMatrix(java.util.Arrays.copyOf(values, size * columns), size, columns, Float.NaN);
            float[] y = new float[size];
            for (int i = 0; i < size; i++) {
                y[i] = labels[i] ? 1 : 0;
            }
            m.setLabel(y);
            return m;
        }

        double[] score(RiskModel model) {
            float[] p = model.probabilities(java.util.Arrays.copyOf(values, size * columns), size, columns);
            double[] d = new double[size];
            for (int i = 0; i < size; i++) {
                d[i] = p[i];
            }
            return d;
        }
    }
}
