package dev.minerwatch.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code minerwatch unsubscribe ENDPOINT}: removes an email's or a phone's subscription. */
@Command(
        name = "unsubscribe",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = 1,
        exitCodeOnExecutionException = 2,
        description = "Removes the subscription of an email address or a phone number from the alert topic (or the"
                + " local store's record of it).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:removed", "1:no subscriber has that endpoint", "2:SNS or the store refused it"})
final class UnsubscribeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SubscriberOptions options = new SubscriberOptions();

    @Parameters(paramLabel = "ENDPOINT", description = "The address or the E.164 number, as subscribed.")
    String endpoint;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (LocalEnvironment local = options.start()) {
            boolean removed;
            try {
                removed = SubscriberOptions.of(local, local.minerwatch(out)).unsubscribe(endpoint.strip());
            } catch (IllegalStateException e) {
                err.println(e.getMessage());
                return 2;
            }
            if (!removed) {
                err.println("no subscriber has that endpoint (subscribers lists them)");
                return 1;
            }
            out.println("unsubscribed");
            out.flush();
            return 0;
        }
    }
}
