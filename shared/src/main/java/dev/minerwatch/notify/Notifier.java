package dev.minerwatch.notify;

/** Delivers alert messages to subscribers. */
public interface Notifier {

    /**
     * Publishes one message.
     *
     * @return the delivery's id (the SNS message id)
     * @throws NotificationException when the message was not accepted; the caller keeps it for a retry
     */
    String publish(AlertMessage message) throws NotificationException;
}
