package dev.minerwatch.alerts.notify;

import dev.minerwatch.alerts.message.AlertMessage;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prints each message as an email and an SMS subscriber would receive it: the local stand-in for SNS. A message for
 * one channel alone (an escalation to Slack) is no subscriber's: it is acknowledged and left to that channel; one for
 * {@code sms} is printed as the SMS subscriber receives it.
 */
final class ConsoleNotifier implements Notifier {

    private final PrintWriter out;
    private final AtomicLong sequence = new AtomicLong();

    ConsoleNotifier(PrintWriter out) {
        this.out = out;
    }

    @Override
    public List<Publication> publish(List<AlertMessage> messages) {
        return messages.stream().map(this::print).toList();
    }

    private Publication print(AlertMessage message) {
        String target = message.attributes().get(AlertMessage.DELIVER_TO);
        if (target != null && !target.equals("sms")) {
            return Publication.accepted("console-" + sequence.incrementAndGet() + " (for " + target + " alone)");
        }
        if (target != null) {
            out.println("┌─ sms ─ " + message.smsBody());
            out.println("└─ attributes " + message.attributes());
            out.flush();
            return Publication.accepted("console-" + sequence.incrementAndGet());
        }
        out.println("┌─ email ─ Subject: " + message.subject());
        message.emailBody().lines().forEach(line -> out.println("│ " + line));
        out.println("├─ sms ─ " + message.smsBody());
        out.println("└─ attributes " + message.attributes());
        out.flush();
        return Publication.accepted("console-" + sequence.incrementAndGet());
    }
}
