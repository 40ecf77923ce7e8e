package dev.pinstripe.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CliTest {
    @Test
    void helpListsEveryCommand() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString()).contains("serve", "migrate", "accounts", "keys", "loadgen", "ledger");
    }

    @Test
    void serveDocumentsItsEnvironmentVariables() {
        String usage = new CommandLine(new Main()).getSubcommands().get("serve").getUsageMessage();
        assertThat(usage).contains("PINSTRIPE_PORT", "PINSTRIPE_DATA_DIR", "PINSTRIPE_DATABASE_URL",
                "PINSTRIPE_BOOTSTRAP_SECRET_KEY", "PINSTRIPE_AUTH");
    }
}
