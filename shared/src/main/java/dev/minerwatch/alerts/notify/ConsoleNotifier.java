package dev.minerwatch.alerts.notify;

import dev.minerwatch.alerts.message.AlertMessage;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Prints each message as an email and an SMS subscriber would receive it: the local stand-in for SNS. A message kept
 * from a subscription ({@code skip_sms}: its quiet hours hold it, or it is for another target alone, such as an
 * escalation to Slack) is not printed for it.
 */
final class ConsoleNotifier implements Notifier {

    private final PrintWriter out;
    private final Function<AlertMessage, List<String>> recipients;
    private final AtomicLong sequence = new AtomicLong();

    /** @param recipients the subscribers recorded locally that would get a message: said under it */
    ConsoleNotifier(PrintWriter out, Function<AlertMessage, List<String>> recipients) {
        this.out = out;
        this.recipients = recipients;
    }

    @Override
    public List<Publication> publish(List<AlertMessage> messages) {
        return messages.stream().map(this::print).toList();
    }

    private Publication print(AlertMessage message) {
        boolean email = !message.attributes().containsKey(AlertMessage.notFor("email"));
        boolean sms = !message.attributes().containsKey(AlertMessage.notFor("sms"));
        if (!email && !sms) {
            return Publication.accepted("console-" + sequence.incrementAndGet() + " (for no subscriber now)");
        }
        if (email) {
            out.println("┌─ email ─ Subject: " + message.subject());
            message.emailBody().lines().forEach(line -> out.println("│ " + line));
        }
        out.println((email ? "├" : "┌") + "─ sms ─ " + (sms ? message.smsBody() : "(not for SMS now)"));
        List<String> to = recipients.apply(message);
        if (!to.isEmpty()) {
            out.println("├─ to " + String.join(", ", to));
        }
        out.println("└─ attributes " + message.attributes());
        out.flush();
        return Publication.accepted("console-" + sequence.incrementAndGet());
    }
}
