package dev.minerwatch.cli;

import dev.minerwatch.alerts.channels.ChannelRegistry;
import dev.minerwatch.alerts.message.AlertMessage;
import dev.minerwatch.alerts.notify.Channel;
import dev.minerwatch.alerts.notify.Notifier;
import dev.minerwatch.aws.AwsClients;
import dev.minerwatch.config.Settings;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code minerwatch notify --test}: one marked test message through every configured channel, each one's result. */
@Command(
        name = "notify",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = 1,
        exitCodeOnExecutionException = 2,
        description = {
            "--test sends one clearly marked test message (no alert) through every configured channel: the SNS topic "
                    + "(ALERT_TOPIC_ARN or --topic-arn) and the chat and webhook channels of the environment "
                    + "(docs/channels.md); and says what each answered."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every configured channel took the test message",
            "1:usage error",
            "2:a channel failed, or none is configured"
        })
final class NotifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LocalOptions options = new LocalOptions();

    @Option(names = "--test", description = "Send the test message (required: notify sends nothing else).")
    boolean test;

    @Option(names = "--topic-arn", description = "Also publish to this SNS topic.")
    String topicArn;

    @Override
    public Integer call() {
        if (!test) {
            throw new ParameterException(spec.commandLine(), "notify sends only a test message: add --test");
        }
        PrintWriter out = spec.commandLine().getOut();
        Map<String, String> overrides = topicArn == null ? Map.of() : Map.of(Settings.TOPIC_ARN, topicArn);
        Settings settings = Settings.of(options.environment()).with(overrides);
        Map<String, Notifier> channels = new LinkedHashMap<>();
        settings.topicArn()
                .ifPresent(arn -> channels.put("sns", AwsClients.snsNotifier(() -> AwsClients.sns(settings), arn)));
        for (Channel channel : ChannelRegistry.configured(settings)) {
            channels.put(channel.name(), channel);
        }
        if (channels.isEmpty()) {
            out.println("no channel configured: set ALERT_TOPIC_ARN (or --topic-arn), " + ChannelRegistry.howToSetOne()
                    + " (docs/channels.md)");
            out.flush();
            return 2;
        }
        AlertMessage message = AlertMessage.test(Instant.now(), "test-" + UUID.randomUUID());
        out.println("sending " + message.attributes().get(AlertMessage.EVENT_ID) + " to " + channels.size()
                + (channels.size() == 1 ? " channel" : " channels"));
        boolean all = true;
        for (Map.Entry<String, Notifier> channel : channels.entrySet()) {
            Notifier.Publication result =
                    channel.getValue().publish(List.of(message)).get(0);
            all &= result.isAccepted();
            out.printf(
                    "  %-9s %s%n",
                    channel.getKey(),
                    result.isAccepted() ? "ok (" + result.messageId() + ")" : "FAILED " + result.error());
            out.flush();
        }
        return all ? 0 : 2;
    }
}
