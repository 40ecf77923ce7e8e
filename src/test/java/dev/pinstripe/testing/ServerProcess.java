package dev.pinstripe.testing;

import static org.awaitility.Awaitility.await;

import dev.pinstripe.app.Main;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A real {@code pinstripe serve} in a child JVM (the test's classpath), for what only a process can
 * show: {@code kill -9}, SIGTERM, several servers on one database.
 */
public final class ServerProcess {
    private final Process process;
    private final int port;

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts a server on {@code databaseUrl} with {@code key} as its bootstrap key and waits until it is up. */
    public static ServerProcess start(String databaseUrl, String key, Path log, Map<String, String> env)
            throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "serve")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("PINSTRIPE_DATABASE_URL", databaseUrl);
        pb.environment().put("PINSTRIPE_PORT", String.valueOf(port));
        pb.environment().put("PINSTRIPE_BOOTSTRAP_SECRET_KEY", key);
        // Tests drive one account faster than Stripe's limits; a test that wants them sets them in env.
        pb.environment().put("PINSTRIPE_RATE_LIMITS", "off");
        pb.environment().putAll(env);
        Process p = pb.start();
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            if (!p.isAlive()) {
                throw new IllegalStateException("the server exited: " + Files.readString(log));
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return new ServerProcess(p, port);
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Process process() {
        return process;
    }

    /** {@code kill -9}. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM, then waits for the process to exit; returns its exit code. */
    public int terminate() throws InterruptedException {
        process.destroy();
        return process.waitFor();
    }
}
