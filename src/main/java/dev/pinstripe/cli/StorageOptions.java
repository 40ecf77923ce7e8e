package dev.pinstripe.cli;

import dev.pinstripe.app.Settings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the data lives: options shared by every command that opens the database. */
public final class StorageOptions {
    @Option(names = "--data-dir", defaultValue = "${env:PINSTRIPE_DATA_DIR:-data}",
            description = "Directory of the embedded PostgreSQL's data (env PINSTRIPE_DATA_DIR, default ./data).")
    Path dataDir;

    @Option(names = "--database-url", defaultValue = "${env:PINSTRIPE_DATABASE_URL}",
            description = "External PostgreSQL (jdbc:postgresql://... or postgres://user:pass@host/db) instead of the"
                    + " embedded one (env PINSTRIPE_DATABASE_URL).")
    String databaseUrl;

    @Option(names = "--database-pool-size", defaultValue = "${env:PINSTRIPE_DATABASE_POOL_SIZE:-20}",
            description = "Most database connections (env PINSTRIPE_DATABASE_POOL_SIZE, default 20).")
    int databasePoolSize;

    /** Settings for commands that only need the database. */
    Settings settings() {
        Settings d = Settings.defaults();
        return new Settings(d.host(), d.port(), dataDir, databaseUrl, null, false, databasePoolSize, d.bodyBytesMax(),
                d.idempotencyRetention(), d.idempotencyLease(), false, d.webhooks(), false,
                d.requestLogRetention(), d.limits(), true, null);
    }
}
