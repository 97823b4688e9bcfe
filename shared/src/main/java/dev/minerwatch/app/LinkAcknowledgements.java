package dev.minerwatch.app;

import dev.minerwatch.alerts.message.AlertMessage;
import dev.minerwatch.alerts.message.AlertMessage.AckVerdict;
import dev.minerwatch.app.Minerwatch.LinkAck;
import dev.minerwatch.app.Minerwatch.LinkOutcome;
import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.RuleState;
import dev.minerwatch.store.RuleLedger;
import dev.minerwatch.store.RuleLedger.Acknowledgement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Acknowledgements from the signed link of a message ({@link AlertMessage#ackLinked}): a link is checked (its
 * signature, its expiry), then the event it names (an alert that fired, or its reminder, still active), and only then
 * recorded, as {@code ./minerwatch ack} records it: once per episode, its notice through the outbox.
 */
final class LinkAcknowledgements {

    private final RuleLedger ledger;
    private final Supplier<Optional<String>> key;
    private final Clock clock;

    LinkAcknowledgements(RuleLedger ledger, Supplier<Optional<String>> key, Clock clock) {
        this.ledger = ledger;
        this.key = key;
        this.clock = clock;
    }

    /** What the link {@code e}, {@code x}, {@code s} would acknowledge: nothing is recorded. */
    LinkAck check(String e, String x, String s) {
        return handle(e, x, s, null, null);
    }

    /** The longest name kept of a form's, in characters: more is cut. */
    static final int MAX_BY = 80;
    /** The longest reason kept of a form's: the notice carries it to every channel. */
    static final int MAX_REASON = 500;

    /**
     * Acknowledges what the link names, by {@code by} (blank: "link") for {@code reason} (blank: a default), each
     * on one line (control characters are spaces) and cut to {@link #MAX_BY} and {@link #MAX_REASON} characters.
     */
    LinkAck acknowledge(String e, String x, String s, String by, String reason) {
        String name = oneLine(by, MAX_BY);
        String why = oneLine(reason, MAX_REASON);
        return handle(e, x, s, name.isEmpty() ? "link" : name, why.isEmpty() ? "acknowledged from the link" : why);
    }

    /** {@code text} with each control character a space, stripped, at most {@code max} characters; "" for null. */
    static String oneLine(String text, int max) {
        if (text == null) {
            return "";
        }
        String line = text.replaceAll("\\p{Cntrl}", " ").strip();
        return line.length() <= max ? line : line.substring(0, max).strip();
    }

    private LinkAck handle(String e, String x, String s, String by, String reason) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Optional<String> secret = key.get().filter(k -> !k.isEmpty());
        if (secret.isEmpty()) {
            return LinkAck.of(LinkOutcome.NO_KEY);
        }
        AckVerdict verdict = AlertMessage.verifyAckLink(secret.get(), e, x, s, now);
        if (verdict != AckVerdict.VALID) {
            // MALFORMED, FORGED, EXPIRED: the link's own refusals, before any read of the store.
            return LinkAck.of(LinkOutcome.valueOf(verdict.name()));
        }
        RuleLedger.AckTarget target = ledger.ackTarget(e);
        if (!target.isAlert()) {
            return new LinkAck(LinkOutcome.UNKNOWN, target.event().orElse(null), null, null, null);
        }
        AlertEvent named = target.event().orElseThrow();
        if (!target.holds()) {
            return new LinkAck(LinkOutcome.RESOLVED, named, null, null, null);
        }
        RuleState state = target.state().orElseThrow();
        Optional<Acknowledgement> earlier = target.earlier();
        if (earlier.isEmpty() && by != null) {
            Acknowledgement acknowledgement = Acknowledgement.of(named, state, by, now, reason);
            earlier = ledger.acknowledge(acknowledgement, acknowledgement.notice(named));
            if (earlier.isEmpty()) {
                return new LinkAck(LinkOutcome.ACKNOWLEDGED, named, by, now, reason);
            }
        }
        return earlier.map(first ->
                        new LinkAck(LinkOutcome.ALREADY_ACKNOWLEDGED, named, first.by(), first.at(), first.reason()))
                .orElseGet(() -> new LinkAck(LinkOutcome.CONFIRM, named, null, null, null));
    }
}
