package dev.minerwatch.notify;

import java.util.List;

/** Delivers alert messages to subscribers. */
public interface Notifier {

    /**
     * Publishes messages, in as few requests as the channel allows. A message the channel does not accept is
     * reported in its result, never thrown, so that the caller keeps it for a retry and marks the others sent.
     *
     * @return one result per message, in the order given
     */
    List<Publication> publish(List<AlertMessage> messages);

    /** What became of one message: the channel's id for it, or why it was not accepted. */
    record Publication(String messageId, String error) {

        public static Publication accepted(String messageId) {
            return new Publication(messageId, null);
        }

        public static Publication rejected(String error) {
            return new Publication(null, error);
        }

        public boolean isAccepted() {
            return error == null;
        }
    }
}
