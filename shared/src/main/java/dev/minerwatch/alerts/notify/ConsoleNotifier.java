package dev.minerwatch.alerts.notify;

import dev.minerwatch.alerts.message.AlertMessage;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Prints each message as an email and an SMS subscriber would receive it: the local stand-in for SNS. */
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
        out.println("┌─ email ─ Subject: " + message.subject());
        message.emailBody().lines().forEach(line -> out.println("│ " + line));
        out.println("├─ sms ─ " + message.smsBody());
        out.println("└─ attributes " + message.attributes());
        out.flush();
        return Publication.accepted("console-" + sequence.incrementAndGet());
    }
}
