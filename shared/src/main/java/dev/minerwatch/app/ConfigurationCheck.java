package dev.minerwatch.app;

import dev.minerwatch.alerts.channels.ChannelRegistry;
import dev.minerwatch.alerts.notify.Notifier;
import dev.minerwatch.aws.AwsClients;
import dev.minerwatch.config.Settings;
import dev.minerwatch.economics.ProductionCostModel;
import dev.minerwatch.rules.Rule.Escalation;
import dev.minerwatch.sources.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The whole configuration checked at once: the environment's values, the rule file with its overrides, and the
 * channels. Each value is read as the code that uses it reads it, so a mistake found here is the mistake a run
 * would meet; every one is listed, each naming its variable or its rule and field. {@code ./minerwatch check}
 * prints them, and every function refuses to start with them.
 */
final class ConfigurationCheck {

    /** The keys a source or a channel reads, each from the variable or the SSM parameter it names. */
    static final List<String> KEYS = Stream.concat(
                    Stream.of(Settings.SOSOVALUE_API_KEY, Settings.COINGECKO_API_KEY, Settings.ACK_KEY),
                    ChannelRegistry.SECRET_VARIABLES.stream())
            .toList();

    private ConfigurationCheck() {}

    /** Every mistake that reading the environment and the rule file shows; no network, no AWS call. */
    public static List<String> problems(Settings settings) {
        return problems(settings, RuleConfiguration.load(settings));
    }

    /** The same, with the rules already read ({@code rules}), so that they are read once for the check and the run. */
    public static List<String> problems(Settings settings, RuleConfiguration.Outcome rules) {
        List<String> problems = new ArrayList<>();
        List<Supplier<?>> reads = new ArrayList<>(List.of(
                settings::awsCallTimeout,
                settings::digestZone,
                settings::dashboardUrl,
                settings::ackUrl,
                () -> costModel(settings),
                () -> settings.awsEndpoint("dynamodb"),
                () -> settings.awsEndpoint("sns"),
                () -> settings.awsEndpoint("ssm"),
                () -> settings.awsEndpoint("s3")));
        for (Provider provider : Provider.values()) {
            reads.add(() -> Minerwatch.baseUrl(settings, provider));
        }
        for (Supplier<?> read : reads) {
            try {
                read.get();
            } catch (IllegalArgumentException e) {
                if (!problems.contains(e.getMessage())) {
                    problems.add(e.getMessage());
                }
            }
        }
        settings.topicArn()
                .filter(arn -> !arn.startsWith("arn:"))
                .ifPresent(arn -> problems.add(Settings.TOPIC_ARN + "='" + arn + "' is not an SNS topic ARN"));
        if (settings.get(Settings.ACK_URL).isPresent() && !settings.ackKeyConfigured()) {
            problems.add(Settings.ACK_URL + " is set but no key signs its links: set " + Settings.ACK_KEY + " or "
                    + Settings.ACK_KEY + "_PARAMETER (an SSM SecureString's name)");
        }
        problems.addAll(rules.problems());
        problems.addAll(ChannelRegistry.problems(settings));
        problems.addAll(Notifier.subscriptionProblems(settings::get));
        rules.rules()
                .ifPresent(set -> set.rules()
                        .forEach(rule -> rule.escalation()
                                .filter(escalation -> !escalation.to().equals(Escalation.SMS)
                                        && !ChannelRegistry.NAMES.contains(escalation.to()))
                                .ifPresent(escalation -> {
                                    String problem = "rule " + rule.id() + ", field escalate_to: '" + escalation.to()
                                            + "' is no channel; use one of " + ChannelRegistry.NAMES + " or "
                                            + Escalation.SMS;
                                    if (!problems.contains(problem)) {
                                        problems.add(problem);
                                    }
                                })));
        return problems;
    }

    private static ProductionCostModel costModel(Settings settings) {
        try {
            return ProductionCostModel.parse(settings.costModel());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Settings.COST_MODEL + ": " + e.getMessage());
        }
    }

    /**
     * The keys named as SSM parameters ({@code <KEY>_PARAMETER}) that cannot be read: this reads each one, so it
     * runs where the keys are wanted (the CLI's check), never before a SnapStart snapshot.
     */
    public static List<String> keyProblems(Settings settings) {
        List<String> problems = new ArrayList<>();
        for (String key : KEYS) {
            if (settings.get(key).isEmpty() && settings.get(key + "_PARAMETER").isPresent()) {
                try {
                    AwsClients.apiKey(settings, key).get();
                } catch (IllegalStateException e) {
                    problems.add(e.getMessage());
                }
            }
        }
        return problems;
    }

    /**
     * Fails with every problem at once, for a function's init.
     *
     * @throws IllegalStateException listing each problem on a line of its own
     */
    public static void require(Settings settings, RuleConfiguration.Outcome rules) {
        List<String> problems = problems(settings, rules);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the configuration has " + problems.size()
                    + (problems.size() == 1 ? " mistake" : " mistakes") + " (./minerwatch check lists them):\n  "
                    + String.join("\n  ", problems));
        }
    }
}
