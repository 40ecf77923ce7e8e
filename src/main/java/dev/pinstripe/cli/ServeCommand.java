package dev.pinstripe.cli;

import dev.pinstripe.app.Pinstripe;
import dev.pinstripe.app.Settings;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the API server (on the embedded PostgreSQL unless a database URL is given).")
public final class ServeCommand implements Callable<Integer> {
    @Mixin
    StorageOptions storage;

    @Option(names = "--port", defaultValue = "${env:PINSTRIPE_PORT:-12111}",
            description = "Port to listen on (env PINSTRIPE_PORT, default 12111 as stripe-mock).")
    int port;

    @Option(names = "--host", defaultValue = "${env:PINSTRIPE_HOST:-127.0.0.1}",
            description = "Address to listen on (env PINSTRIPE_HOST, default 127.0.0.1; 0.0.0.0 for all).")
    String host;

    @Option(names = "--bootstrap-secret-key", defaultValue = "${env:PINSTRIPE_BOOTSTRAP_SECRET_KEY}",
            description = "Create the first account with exactly this sk_test_... key if it does not exist"
                    + " (env PINSTRIPE_BOOTSTRAP_SECRET_KEY).")
    String bootstrapSecretKey;

    @Option(names = "--auth", defaultValue = "${env:PINSTRIPE_AUTH:-keys}",
            description = "'keys' (default): only known keys. 'open': every unseen sk_test_ key gets its own new"
                    + " account, as stripe-mock accepts any key (env PINSTRIPE_AUTH). For local work and CI only.")
    String auth;

    @Option(names = "--max-body-bytes", defaultValue = "${env:PINSTRIPE_MAX_BODY_BYTES:-1048576}",
            description = "Largest request body accepted (env PINSTRIPE_MAX_BODY_BYTES, default 1 MiB).")
    long bodyBytesMax;

    @Option(names = "--idempotency-retention-hours", defaultValue = "${env:PINSTRIPE_IDEMPOTENCY_RETENTION_HOURS:-24}",
            description = "How long idempotency keys are kept, at least 24 (env PINSTRIPE_IDEMPOTENCY_RETENTION_HOURS).")
    long idempotencyRetentionHours;

    @Override
    public Integer call() throws InterruptedException {
        if (!auth.equals("keys") && !auth.equals("open")) {
            throw new IllegalArgumentException("--auth / PINSTRIPE_AUTH must be 'keys' or 'open', not '" + auth + "'");
        }
        Settings settings = new Settings(host, port, storage.dataDir, storage.databaseUrl, bootstrapSecretKey,
                auth.equals("open"), storage.databasePoolSize, bodyBytesMax,
                Duration.ofHours(idempotencyRetentionHours), Settings.IDEMPOTENCY_LEASE_DEFAULT, true);
        Pinstripe pinstripe = Pinstripe.start(settings, Clock.systemUTC(), System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            pinstripe.close();
            stopped.countDown();
        }, "pinstripe-shutdown"));
        System.out.println("Pinstripe is listening on http://" + host + ":" + pinstripe.port()
                + "  (Ctrl-C to stop)");
        stopped.await();
        return 0;
    }
}
