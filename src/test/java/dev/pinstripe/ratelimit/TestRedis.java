package dev.pinstripe.ratelimit;

import static org.junit.jupiter.api.Assertions.fail;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The Redis the tests use: {@code PINSTRIPE_TEST_REDIS_URL}, or redis://127.0.0.1:6379. Tests that
 * need it are skipped when it is unreachable, except under {@code CI=true}, where they fail.
 */
final class TestRedis {
    static final String URL = System.getenv().getOrDefault("PINSTRIPE_TEST_REDIS_URL", "redis://127.0.0.1:6379");

    private TestRedis() {}

    static RedisURI uri() {
        return RedisURI.create(URL);
    }

    /** Skips (or, in CI, fails) the calling test unless Redis answers. */
    static void require() {
        RedisURI uri = uri();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 1000);
        } catch (IOException e) {
            String message = "Redis is not reachable at " + uri.getHost() + ":" + uri.getPort() + " (" + e + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + "; CI requires it");
            }
            Assumptions.abort(message);
        }
    }

    /** A key prefix no other test run uses. */
    static String uniquePrefix() {
        return "pinstripe-test:" + UUID.randomUUID() + ":";
    }

    /** Keys under {@code prefix}. */
    static List<String> keys(String prefix) {
        RedisClient client = RedisClient.create(uri());
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            return c.sync().keys(prefix + "*");
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    /** Deletes every key under {@code prefix}. */
    static void deleteKeys(String prefix) {
        RedisClient client = RedisClient.create(uri());
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            List<String> keys = c.sync().keys(prefix + "*");
            if (!keys.isEmpty()) {
                c.sync().del(keys.toArray(String[]::new));
            }
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    /** A local port nothing listens on (bound, then closed). */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
