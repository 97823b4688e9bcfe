package dev.minerwatch.cli;

import dev.minerwatch.alerts.subscribers.Subscriber;
import dev.minerwatch.alerts.subscribers.Subscribers;
import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.rules.Rule;
import dev.minerwatch.rules.Severity;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code minerwatch subscribe}: an email or a phone subscribed to the alerts it chooses, once. */
@Command(
        name = "subscribe",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = 1,
        exitCodeOnExecutionException = 2,
        description = {
            "Subscribes an email address or a phone to the alert topic with a filter policy of what it chose: the"
                    + " alerts of some rules (--rules; 'digest' names the daily digest, alone it means the digest"
                    + " alone), of a least severity (--min-severity), and the digest (email only; on by default)."
                    + " Subscribing an endpoint again updates its filter, never a second subscription.",
            "Without a topic (--topic-arn, ALERT_TOPIC_ARN) the subscriber is recorded in the local store, and run and"
                    + " demo print under each message to whom it would go."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:subscribed, or its filter updated",
            "1:usage error: an invalid address or number, an unknown rule or severity",
            "2:SNS or the store refused it"
        })
final class SubscribeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SubscriberOptions options = new SubscriberOptions();

    static final class Endpoint {
        @Option(names = "--email", paramLabel = "ADDRESS", required = true, description = "An email address.")
        String email;

        @Option(
                names = "--sms",
                paramLabel = "+E164",
                required = true,
                description = "A phone number in E.164 form, such as +41791234567.")
        String sms;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Endpoint endpoint;

    @Option(
            names = "--rules",
            paramLabel = "ID,...",
            split = ",",
            description = "The rules whose alerts it gets (default: all); 'digest' names the daily digest.")
    List<String> rules = new ArrayList<>();

    @Option(
            names = "--min-severity",
            paramLabel = "LEVEL",
            description = "The least severity it gets: info, warning or critical (default: info for email, critical"
                    + " for SMS).")
    String minSeverity;

    @Option(
            names = "--digest",
            negatable = true,
            description = "Whether an email gets the daily digest (default: yes). SMS never does.")
    Boolean digest;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (LocalEnvironment local = options.start()) {
            Minerwatch minerwatch = local.minerwatch(out);
            Subscriber subscriber;
            try {
                subscriber = subscriber(minerwatch);
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage());
                return 1;
            }
            Subscribers subscribers = SubscriberOptions.of(local, minerwatch);
            boolean created;
            try {
                created = subscribers.subscribe(subscriber);
            } catch (IllegalStateException e) {
                err.println(e.getMessage());
                return 2;
            }
            out.println((created ? "subscribed " : "updated ") + subscriber.masked() + " ("
                    + subscriber.protocol().id() + "): " + subscriber.describe());
            if (local.settings().topicArn().isEmpty()) {
                out.println("  recorded in the local store: no topic, so nothing is sent; run and demo print under"
                        + " each message to whom it would go");
            } else if (created && subscriber.protocol() == Subscriber.Protocol.EMAIL) {
                out.println("  SNS has sent a confirmation email: nothing reaches the address until its link is"
                        + " followed");
            } else if (created) {
                out.println("  SMS from SNS needs an origination number in the account, and while the account is in"
                        + " the SNS sandbox only verified numbers receive anything (docs/subscribers.md)");
            }
            out.flush();
            return 0;
        }
    }

    private Subscriber subscriber(Minerwatch minerwatch) {
        Set<String> known =
                minerwatch.rules().rules().stream().map(Rule::id).collect(Collectors.toCollection(TreeSet::new));
        for (String rule : rules) {
            if (!rule.strip().equals(Subscriber.DIGEST) && !known.contains(rule.strip())) {
                throw new IllegalArgumentException(
                        "--rules: '" + rule + "' is no rule; known: " + known + " and " + Subscriber.DIGEST);
            }
        }
        List<String> ids =
                rules.stream().map(String::strip).filter(id -> !id.isEmpty()).toList();
        Severity minimum = severity();
        if (endpoint.email != null) {
            return Subscriber.email(endpoint.email, ids, minimum, digest);
        }
        if (Boolean.TRUE.equals(digest)) {
            throw new IllegalArgumentException("--digest: SMS never gets the digest (one segment cannot hold it)");
        }
        return Subscriber.sms(endpoint.sms, ids, minimum);
    }

    private Severity severity() {
        if (minSeverity == null) {
            return null;
        }
        try {
            return Severity.valueOf(minSeverity.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "--min-severity: '" + minSeverity + "' is none of info, warning, critical");
        }
    }
}
