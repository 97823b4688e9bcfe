package dev.minerwatch.cli;

import dev.minerwatch.alerts.subscribers.Subscribers;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code minerwatch subscribers}: each email and phone subscribed, half hidden, with what it gets in words. */
@Command(
        name = "subscribers",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = 1,
        exitCodeOnExecutionException = 2,
        description = "Lists the alert topic's email and SMS subscribers (or the local store's): each endpoint half"
                + " hidden, its protocol, whether it is confirmed, and what its filter lets through, in words.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:listed", "1:usage error", "2:SNS or the store could not be read"})
final class SubscribersCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SubscriberOptions options = new SubscriberOptions();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (LocalEnvironment local = options.start()) {
            List<Subscribers.Subscription> subscriptions =
                    SubscriberOptions.of(local, local.minerwatch(out)).list();
            if (subscriptions.isEmpty()) {
                out.println("no email or SMS subscriber");
            }
            for (Subscribers.Subscription subscription : subscriptions) {
                out.printf(
                        "%-24s %-5s  %s%n    %s%n",
                        subscription.subscriber().masked(),
                        subscription.subscriber().protocol().id(),
                        subscription.state(),
                        subscription.subscriber().describe());
            }
            out.flush();
            return 0;
        }
    }
}
