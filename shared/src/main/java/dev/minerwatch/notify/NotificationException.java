package dev.minerwatch.notify;

/** A message could not be handed to the notification channel. */
public final class NotificationException extends Exception {

    public NotificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
