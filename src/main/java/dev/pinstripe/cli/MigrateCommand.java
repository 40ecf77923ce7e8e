package dev.pinstripe.cli;

import dev.pinstripe.app.Pinstripe;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Apply database migrations and exit (the server also applies them on start).")
public final class MigrateCommand implements Callable<Integer> {
    @Mixin
    StorageOptions storage;

    @Override
    public Integer call() {
        try (Pinstripe.Storage ignored = Pinstripe.openStorage(storage.settings())) {
            System.out.println("Database schema is up to date.");
        }
        return 0;
    }
}
