package dev.minerwatch.notify;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicLong;

/** Prints each message as an email and an SMS subscriber would receive it: the local stand-in for SNS. */
public final class ConsoleNotifier implements Notifier {

    private final PrintWriter out;
    private final AtomicLong sequence = new AtomicLong();

    public ConsoleNotifier(PrintWriter out) {
        this.out = out;
    }

    @Override
    public String publish(AlertMessage message) {
        String id = "console-" + sequence.incrementAndGet();
        out.println("┌─ email ─ Subject: " + message.subject());
        message.email().lines().forEach(line -> out.println("│ " + line));
        out.println("├─ sms ─ " + message.sms());
        out.println("└─ attributes " + message.attributes());
        out.flush();
        return id;
    }
}
