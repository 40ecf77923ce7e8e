package dev.pinstripe.cli;

import dev.pinstripe.app.Pinstripe;
import dev.pinstripe.webhooks.RetrySchedule;
import dev.pinstripe.webhooks.WebhookBenchmark;
import dev.pinstripe.webhooks.WebhookSettings;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "webhooks", mixinStandardHelpOptions = true, description = "Webhook delivery tools.",
        subcommands = WebhooksCommand.Bench.class)
public final class WebhooksCommand {

    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = "Measure webhook delivery against a loopback receiver in this process (docs/performance.md)."
                    + " Writes benchmark events to the database: use a scratch one.")
    static final class Bench implements Callable<Integer> {
        @Mixin
        StorageOptions storage;

        @Option(names = "--mode", defaultValue = "backlog",
                description = "'backlog': queue --events events, then time the drain and report heap before and after."
                        + " 'latency': record --rate events/s for --duration-seconds and report commit-to-delivery.")
        String mode;

        @Option(names = "--events", defaultValue = "100000", description = "Events for the backlog mode.")
        long events;

        @Option(names = "--rate", defaultValue = "500", description = "Events per second for the latency mode.")
        int rate;

        @Option(names = "--duration-seconds", defaultValue = "20", description = "Length of the latency mode.")
        int durationSeconds;

        @Option(names = "--concurrency", defaultValue = "256", description = "Deliveries in flight at once.")
        int concurrency;

        @Override
        public Integer call() throws InterruptedException {
            WebhookSettings d = WebhookSettings.defaults();
            WebhookSettings settings = new WebhookSettings(RetrySchedule.standard(new Random()), d.timeout(),
                    concurrency, concurrency, true, d.responseBodyMax(), d.pollInterval());
            try (Pinstripe.Storage opened = Pinstripe.openStorage(storage.settings())) {
                WebhookBenchmark bench = new WebhookBenchmark(opened.database().jdbi(), opened.jdbcUrl(),
                        new PrintStream(System.out, true));
                switch (mode) {
                    case "backlog" -> bench.backlog(events, settings);
                    case "latency" -> bench.latency(rate, Duration.ofSeconds(durationSeconds), settings);
                    default -> throw new IllegalArgumentException("--mode must be backlog or latency, not " + mode);
                }
            }
            return 0;
        }
    }
}
