package dev.pinstripe.radar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinstripe.api.Scope;
import dev.pinstripe.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server's histories (cached, flushed to PostgreSQL, reloaded) give exactly the features an
 * offline replay gives: no skew between training and serving.
 */
class ServingSkewTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void storedHistoriesGiveTheSameFeaturesAsAReplayInMemory() throws Exception {
        List<LabelledPayment> payments = new ArrayList<>();
        SparkovFile.forEach(RadarTrainingTest.slice(), p -> {
            if (payments.size() < 1_500) {
                payments.add(p);
            }
        });
        RiskModel model = RiskModel.bundled();
        FeatureExtractor extractor = model.extractor();
        MemoryHistories memory = new MemoryHistories();
        Jdbi jdbi = server.pinstripe().database().jdbi();
        Scope scope = new Scope("acct_skewtest" + System.nanoTime(), false);
        StoredHistories[] stored = {new StoredHistories(jdbi, server.clock)};
        int i = 0;
        for (LabelledPayment p : payments) {
            float[] offline = extractor.extract(p.signals(), memory);
            extractor.record(p.signals(), memory, false);
            float[] online = jdbi.inTransaction(h -> {
                float[] f = extractor.extract(p.signals(), stored[0].of(h, scope));
                extractor.record(p.signals(), stored[0].of(h, scope), false);
                return f;
            });
            assertThat(online).as("payment %d", i).containsExactly(offline);
            if (++i % 500 == 0) {
                // Flush, and start from what the database holds, as another process would.
                assertThat(stored[0].flush()).isPositive();
                stored[0] = new StoredHistories(jdbi, server.clock);
            }
        }
    }
}
