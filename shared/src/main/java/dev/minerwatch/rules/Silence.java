package dev.minerwatch.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A rule's notifications held back for a while, as an operator asked ({@code minerwatch silence}). The rule is
 * still evaluated and its events still recorded in the alert history, marked silenced; nobody is notified while the
 * silence lasts. When it ends, an event that is still active is notified once.
 *
 * @param id        short and unique, for {@code unsilence}
 * @param ruleId    the rule whose events it holds
 * @param startsAt  when it began (inclusive)
 * @param endsAt    when it ends (exclusive); moved to the moment of {@code unsilence} when ended early
 * @param reason    why, in the operator's words
 * @param createdBy who asked
 */
public record Silence(String id, String ruleId, Instant startsAt, Instant endsAt, String reason, String createdBy) {

    /**
     * An ended silence is listed this long ({@code silences --all}); DynamoDB's time to live deletes it then. The
     * local store keeps it, since its runs may replay recorded days long past: a few rows a month.
     */
    public static final Duration RETENTION = Duration.ofDays(30);

    /** The order {@code silences} lists them in: the newest start first, then by id. */
    public static final Comparator<Silence> NEWEST_FIRST =
            Comparator.comparing(Silence::startsAt).reversed().thenComparing(Silence::id);

    public Silence {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(createdBy, "createdBy");
        if (endsAt.isBefore(startsAt)) {
            throw new IllegalArgumentException(
                    "a silence cannot end before it starts: " + startsAt + " to " + endsAt + " for rule " + ruleId);
        }
        if (reason.isBlank()) {
            throw new IllegalArgumentException("a silence needs a reason (for rule " + ruleId + ")");
        }
    }

    /**
     * The longest silence {@link #of} makes: a month. A longer one (a typo of days for hours, a forgotten rule) would
     * hide a critical alert for good; {@link #longerThanAMonth} makes one on purpose.
     */
    public static final Duration MAX_LENGTH = Duration.ofDays(30);

    /** Bitcoin's genesis block: no silence can begin before it (1900 is a typo). */
    private static final Instant GENESIS = Instant.parse("2009-01-03T00:00:00Z");

    /**
     * A new silence of {@code ruleId} from {@code now} until {@code endsAt}, at most {@link #MAX_LENGTH}, with a fresh
     * random id.
     *
     * @throws IllegalArgumentException when it would end before it begins, last longer than {@link #MAX_LENGTH}, or
     *     begin before Bitcoin did
     */
    public static Silence of(String ruleId, Instant now, Instant endsAt, String reason, String createdBy) {
        if (Duration.between(now, endsAt).compareTo(MAX_LENGTH) > 0) {
            throw new IllegalArgumentException("a silence of " + ruleId + " until " + endsAt + " would last "
                    + Duration.between(now, endsAt).toDays() + " days, longer than " + MAX_LENGTH.toDays()
                    + " (a critical alert held that long is one nobody sees); say --force if that is meant");
        }
        return longerThanAMonth(ruleId, now, endsAt, reason, createdBy);
    }

    /** {@link #of}, with no bound on its length: what the operator forced. */
    public static Silence longerThanAMonth(
            String ruleId, Instant now, Instant endsAt, String reason, String createdBy) {
        if (!endsAt.isAfter(now)) {
            throw new IllegalArgumentException(
                    "a new silence must end after it begins (" + now + "), not at " + endsAt);
        }
        if (now.isBefore(GENESIS)) {
            throw new IllegalArgumentException(
                    "a silence cannot begin at " + now + ", before Bitcoin's genesis block (" + GENESIS + ")");
        }
        byte[] random = new byte[4];
        RandomGenerator.getDefault().nextBytes(random);
        return new Silence("s-" + HexFormat.of().formatHex(random), ruleId, now, endsAt, reason, createdBy);
    }

    /** Whether it holds at {@code at}. */
    public boolean activeAt(Instant at) {
        return !at.isBefore(startsAt) && at.isBefore(endsAt);
    }

    /** Whether it holds {@code event}'s notification at {@code at}. */
    public boolean holds(AlertEvent event, Instant at) {
        return ruleId.equals(event.ruleId()) && activeAt(at);
    }

    /** This silence ended at {@code at}; itself when it had ended before. */
    public Silence endedAt(Instant at) {
        if (!at.isBefore(endsAt)) {
            return this;
        }
        return new Silence(id, ruleId, startsAt, at.isAfter(startsAt) ? at : startsAt, reason, createdBy);
    }

    /** When it is no longer listed, and DynamoDB forgets it: {@link #RETENTION} after it ended. */
    public Instant expiresAt() {
        return endsAt.plus(RETENTION);
    }

    /** The silence of {@code silences} that holds {@code event} at {@code at}: the one that lasts longest. */
    public static Optional<Silence> holding(Collection<Silence> silences, AlertEvent event, Instant at) {
        return silences.stream().filter(s -> s.holds(event, at)).max(Comparator.comparing(Silence::endsAt));
    }
}
