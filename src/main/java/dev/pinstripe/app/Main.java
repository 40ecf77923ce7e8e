package dev.pinstripe.app;

import dev.pinstripe.cli.AccountsCommand;
import dev.pinstripe.cli.KeysCommand;
import dev.pinstripe.cli.LedgerCommand;
import dev.pinstripe.cli.LogsCommand;
import dev.pinstripe.cli.WebhooksCommand;
import dev.pinstripe.cli.MigrateCommand;
import dev.pinstripe.cli.RadarCommand;
import dev.pinstripe.cli.ServeCommand;
import dev.pinstripe.loadgen.LoadgenCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "pinstripe", mixinStandardHelpOptions = true, version = "pinstripe 0.1.0",
        description = "A self-hostable payments platform that speaks Stripe's API.",
        subcommands = {ServeCommand.class, MigrateCommand.class, AccountsCommand.class, KeysCommand.class,
            LoadgenCommand.class, LedgerCommand.class, WebhooksCommand.class, LogsCommand.class,
            RadarCommand.class})
public final class Main {
    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("pinstripe: " + e.getMessage());
            org.slf4j.LoggerFactory.getLogger(Main.class).debug("Command failed", e);
            return 1;
        });
        int code = cli.execute(args);
        if (code != 0 || !(args.length > 0 && args[0].equals("serve"))) {
            System.exit(code);
        }
    }
}
